using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// The fields and properties of one type that only ever hold a temporary path, such as a test class's temp folder
/// deleted in <c>Dispose</c>, or a package's download staged in <c>Path.GetTempFileName()</c>. A member qualifies when
/// nothing outside the type can set it (a readonly or private field, a property without a setter or with a private
/// one) and every value the type gives it — initializer, assignments in its members, what a computed property
/// returns — derives from a fresh temporary path or from another such member.
/// </summary>
/// <remarks>
/// A finding on a path that comes from a member of the type is held until the whole type has been read (the member's
/// values may be in a constructor analyzed later), then dropped or reported. One instance per named type; its
/// operation blocks may be analyzed concurrently. Values set through <c>ref</c>/<c>out</c> arguments, or by a nested
/// type (which may set its outer type's private fields), are not seen.
/// </remarks>
internal sealed class TemporaryMembers
{
    private readonly INamedTypeSymbol _type;
    private readonly FileSystemSymbols _symbols;
    private readonly object _gate = new();
    private readonly Dictionary<ISymbol, List<(IOperation Value, FileSystemActivity Activity)>> _values = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> _overwritten = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, bool> _decided = new(SymbolEqualityComparer.Default);
    private readonly List<(Diagnostic Diagnostic, IOperation Path, FileSystemActivity Activity)> _held = new();

    public TemporaryMembers(INamedTypeSymbol type, FileSystemSymbols symbols)
    {
        _type = type;
        _symbols = symbols;
    }

    /// <summary>
    /// Records the member writes of one operation block: <paramref name="writes"/> as collected (a null value is a write
    /// whose value is not plain, such as <c>+=</c>), plus what the block returns when it is the getter of a member.
    /// </summary>
    public void Record(ISymbol owningSymbol, IReadOnlyList<(ISymbol Member, IOperation? Value)> writes, FileSystemActivity activity, IEnumerable<IOperation> blocks)
    {
        var returned = owningSymbol is IMethodSymbol { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: { } property } && IsCandidate(property)
            ? property
            : null;
        if (writes.Count == 0 && returned is null)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var (member, value) in writes)
            {
                if (value is null)
                {
                    _overwritten.Add(member);
                }
                else
                {
                    Add(member, value, activity);
                }
            }

            if (returned is not null)
            {
                foreach (var block in blocks)
                {
                    foreach (var operation in block.OwnOperations())
                    {
                        if (operation is IReturnOperation { ReturnedValue: { } value })
                        {
                            Add(returned, value, activity);
                        }
                    }
                }
            }
        }
    }

    /// <summary>The member a write goes to when it is one this type may keep a temporary path in, else null.</summary>
    public ISymbol? CandidateOf(IOperation target)
    {
        var member = MemberOf(target);
        return member is not null && IsCandidate(member) ? member : null;
    }

    /// <summary>
    /// Reports <paramref name="diagnostic"/> on <paramref name="path"/> now, or, when the path comes from a member of the
    /// type, holds it until <see cref="ReportHeld"/> knows whether that member only ever holds temporary paths.
    /// </summary>
    public void Report(OperationBlockAnalysisContext context, FileSystemActivity activity, IOperation path, Diagnostic diagnostic)
    {
        if (!activity.DerivesFrom(path, operation => CandidateOf(operation) is not null))
        {
            context.ReportDiagnostic(diagnostic);
            return;
        }

        lock (_gate)
        {
            _held.Add((diagnostic, path, activity));
        }
    }

    /// <summary>Reports the held findings whose path is not temporary after all. Call once, at the end of the type.</summary>
    public void ReportHeld(SymbolAnalysisContext context)
    {
        lock (_gate)
        {
            foreach (var (diagnostic, path, activity) in _held)
            {
                if (!IsTemporary(path, activity, new HashSet<ISymbol>(SymbolEqualityComparer.Default)))
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }

            _held.Clear();
        }
    }

    private bool IsTemporary(IOperation path, FileSystemActivity activity, HashSet<ISymbol> visiting) =>
        activity.DerivesFrom(path, operation => _symbols.IsTemporaryPathOrigin(operation) ||
                                                (CandidateOf(operation) is { } member && IsTemporaryMember(member, visiting)));

    private bool IsTemporaryMember(ISymbol member, HashSet<ISymbol> visiting)
    {
        if (_decided.TryGetValue(member, out var decided))
        {
            return decided;
        }

        // A member that takes its value from itself (directly or round a cycle) is not shown to be temporary.
        if (_overwritten.Contains(member) || !_values.TryGetValue(member, out var values) || !visiting.Add(member))
        {
            return false;
        }

        var temporary = true;
        foreach (var (value, activity) in values)
        {
            if (!IsTemporary(value, activity, visiting))
            {
                temporary = false;
                break;
            }
        }

        visiting.Remove(member);
        _decided[member] = temporary;
        return temporary;
    }

    /// <summary>True for a field or property of this type that holds a path (a string or a file or directory object) and that only this type can set.</summary>
    public bool IsCandidate(ISymbol member)
    {
        var (owner, type, settableOutside) = member switch
        {
            IFieldSymbol field => (field.ContainingType, field.Type, !field.IsReadOnly && !field.IsConst && field.DeclaredAccessibility != Accessibility.Private),
            IPropertySymbol { IsIndexer: false } property => (property.ContainingType, property.Type,
                property.SetMethod is { } setter && setter.DeclaredAccessibility != Accessibility.Private),
            _ => (null, null, true),
        };
        return !settableOutside &&
               SymbolEqualityComparer.Default.Equals(owner?.OriginalDefinition, _type) &&
               (type?.SpecialType == SpecialType.System_String || _symbols.InfoKindOf(type) is not null);
    }

    private static ISymbol? MemberOf(IOperation operation) => operation.WalkDownConversions() switch
    {
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property,
        _ => null,
    };

    private void Add(ISymbol member, IOperation value, FileSystemActivity activity)
    {
        if (!_values.TryGetValue(member, out var list))
        {
            list = new List<(IOperation, FileSystemActivity)>();
            _values.Add(member, list);
        }

        list.Add((value, activity));
    }
}
