using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Decides from symbols, not text, whether code is "update code". The member's own name decides first; context
/// (its type, namespace, assembly, parameters, body) only speaks for members whose names say nothing.
/// </summary>
/// <remarks>
/// For a member, in this order:
/// <list type="number">
/// <item>an attribute named <c>UpdateStep</c> makes it update code;</item>
/// <item>a name matching <c>changegate.non_update_names</c> (<c>IsUpdateAvailable</c>, <c>LoadUserPreferences</c>) makes it
/// not update code, whatever else holds;</item>
/// <item>an update word in its name that is not a false friend (<see cref="UpdateWords"/>) makes it update code;</item>
/// <item>otherwise context decides, unless the name begins with a verb that is not an update step (<c>On…</c>, <c>Show…</c>,
/// <c>Load…</c>, see <see cref="IsNonUpdateVerb"/>): an update-named type (or enclosing type) makes all such members update
/// code; a declared step type (<c>[UpdateStep]</c>, a configured step interface) only its apply and rollback members and its
/// non-public helpers (a step of a home-grown framework recognized by names is a step for CG2001 and the rollout rules, but
/// does not make its members update code); an update word in the innermost namespace or in the assembly name (or
/// <c>Setup</c> there) members whose verb is an installer's (<c>Run</c>, <c>Extract</c>, <c>Swap</c>…); a parameter named
/// like an install, deployment or target directory (<c>installDir</c>, <c>deploymentRoot</c>, <c>targetFolder</c>) that
/// member;</item>
/// <item>for code in a body (<see cref="IsUpdateCode(IOperation, ISymbol, ChangeGateOptions)"/>): a body that extracts an
/// archive into a directory it was given (a parameter, field or property) is update code too.</item>
/// </list>
/// Local functions count by their own name and parameters as well. One instance per compilation (<see cref="For"/>), shared by
/// every rule; answers are cached per symbol and per options object, names are split once, and nothing walks a body unless the
/// names leave the question open.
/// </remarks>
internal sealed class UpdateCodeClassifier
{
    private const string UpdateStepAttributeName = "UpdateStep";
    private const int MaxCachedNames = 200_000;

    private static readonly ConditionalWeakTable<Compilation, UpdateCodeClassifier> Shared = new();

    // Verbs that begin a member name that is not an update step: UI handlers, views, reads and checks.
    private static readonly string[] NonUpdateVerbs =
    {
        "On", "Show", "Hide", "Display", "Render", "Paint", "Draw", "Print", "Notify", "Report", "Load", "Read", "Parse",
        "Format", "Validate", "Compute", "Calculate", "Measure", "Dispose", "Close", "Open", "Refresh", "Select", "Browse",
        "Handle", "Raise",
    };

    // Under namespace or assembly context only: verbs of members that do an installer's or updater's work.
    private static readonly string[] PlaceContextVerbs =
    {
        "Run", "Execute", "Apply", "Process", "Perform", "Do", "Expand", "Extract", "Unpack", "Unzip", "Copy", "Move",
        "Replace", "Swap", "Write", "Overwrite", "Sync", "Mirror", "Stage", "Activate", "Switch", "Promote", "Finalize",
        "Finish", "Complete", "Commit", "Restore", "Convert", "Transform", "Rewrite", "Upgrade", "Migrate",
    };

    // Nouns of message buses, whose Publish sends a message, not a release.
    private static readonly string[] MessagingNouns =
    {
        "Bus", "Publisher", "Mediator", "Hub", "Broker", "Producer", "Channel", "Topic", "Queue", "Exchange", "Event",
        "Message", "Messenger", "Notifier", "Aggregator", "Endpoint", "Outbox", "Dispatcher", "Stream", "Sink",
    };

    // The directory nouns and their qualifiers that name where an update writes: installDir, deploymentRoot, targetFolder.
    private static readonly string[] DirectoryNouns = { "Dir", "Directory", "Folder", "Root", "Path" };
    private static readonly string[] InstallQualifiers = { "Install", "Installation", "Deploy", "Deployment" };
    private static readonly string[] TargetQualifiers = { "Target" };

    // Many analyzer threads add to these at once: more lock stripes than the default (one per processor) keep them from
    // queueing behind each other, which under a loaded build machine cost more than the work itself.
    private const int Stripes = 64;

    private readonly ConcurrentDictionary<ChangeGateOptions, Answers> _answers = new(Stripes, 4);
    private readonly ConcurrentDictionary<string, string[]> _words = new(Stripes, 1024, StringComparer.Ordinal);

    // ConcurrentDictionary.Count takes every lock: the bounded caches keep their own counts.
    private int _wordCount;
    private int _verdictCount;

    private readonly Compilation? _compilation;

    // 0 until known; then 1 when some tree of the compilation spells UpdateStep, -1 when none does.
    private int _treesNameUpdateStep;

    /// <summary>A classifier that knows nothing of the compilation its symbols come from (tests).</summary>
    public UpdateCodeClassifier()
    {
    }

    private UpdateCodeClassifier(Compilation compilation) => _compilation = compilation;

    /// <summary>The classifier of <paramref name="compilation"/>, shared by the rules that analyze it.</summary>
    public static UpdateCodeClassifier For(Compilation compilation) => Shared.GetValue(compilation, static c => new UpdateCodeClassifier(c));

    /// <summary>The words of <paramref name="name"/> (<see cref="IdentifierWords.Split"/>), split once per compilation.</summary>
    public string[] Words(string name)
    {
        if (_words.TryGetValue(name, out var words))
        {
            return words;
        }

        words = IdentifierWords.Split(name);
        if (Volatile.Read(ref _wordCount) < MaxCachedNames && _words.TryAdd(name, words))
        {
            Interlocked.Increment(ref _wordCount);
        }

        return words;
    }

    /// <summary>What the name of <paramref name="named"/> alone says about update code (cached).</summary>
    public NameVerdict NameVerdictOf(ISymbol named, ChangeGateOptions options)
    {
        var answers = AnswersFor(options);
        if (answers.Names.TryGetValue(named, out var verdict))
        {
            return verdict;
        }

        verdict = DecideName(named.Name, options);
        answers.Names.TryAdd(named, verdict);
        return verdict;
    }

    /// <summary>
    /// True when <paramref name="operation"/>, found in the body of <paramref name="containingSymbol"/>,
    /// is update code: an enclosing local function or its member is update code, or the member's body extracts an archive
    /// into a directory it was given.
    /// </summary>
    public bool IsUpdateCode(IOperation operation, ISymbol containingSymbol, ChangeGateOptions options)
    {
        foreach (var localFunction in EnclosingFunctions.LocalFunctionsAround(operation))
        {
            if (AnswerFor(localFunction, options) == MemberAnswer.Update)
            {
                return true;
            }
        }

        switch (AnswerFor(containingSymbol, options))
        {
            case MemberAnswer.Update:
                return true;
            case MemberAnswer.NeverUpdate:
                return false;
        }

        var answers = AnswersFor(options);
        if (!answers.Bodies.TryGetValue(containingSymbol, out var extracts))
        {
            extracts = ArchiveExtraction.IntoGivenDirectory(operation.BodyRoot());
            answers.Bodies.TryAdd(containingSymbol, extracts);
        }

        return extracts;
    }

    /// <summary>True when <paramref name="symbol"/> (a member or a type) is update code or is declared inside update code.</summary>
    public bool IsUpdateCode(ISymbol symbol, ChangeGateOptions options) =>
        symbol is ITypeSymbol type ? ContextOf(type, options) != TypeContext.None : AnswerFor(symbol, options) == MemberAnswer.Update;

    /// <summary>
    /// True when <paramref name="type"/> or a type that encloses it is named as update code (<c>ServerUpdater</c>,
    /// <c>DeploymentJobs</c>), carries <c>[UpdateStep]</c> or implements a configured step interface. Namespace and assembly
    /// context do not count here: they say where code lives, not that a type is a step.
    /// </summary>
    public bool IsUpdateType(ITypeSymbol type, ChangeGateOptions options)
    {
        var context = ContextOf(type, options);
        return (context & TypeContext.Named) != 0 ||
               ((context & TypeContext.Step) != 0 && (MayHaveUpdateStepAttribute(type) || ImplementsStepInterface(type, options)));
    }

    /// <summary>
    /// True when <paramref name="type"/> is an update step by what it is, not only by its name: it carries <c>[UpdateStep]</c>,
    /// implements a configured step interface, or is a step of a home-grown framework (<see cref="UpdateSteps.IsHomeGrownStep"/>).
    /// Cached per type.
    /// </summary>
    public bool IsStepType(INamedTypeSymbol type, ChangeGateOptions options) =>
        type.TypeKind is TypeKind.Class or TypeKind.Struct && (ContextOf(type, options) & (TypeContext.Step | TypeContext.HomeGrownStep)) != 0;

    /// <summary>
    /// True when <paramref name="method"/> is the run-like member of a home-grown step or step contract
    /// (<c>ICatalogFixup.RunAsync</c>): calling it runs a step, which is an update for the rollout rules. (Being such a
    /// step does not make a type's members update code for CG1001/CG1002: names say that, not a framework guessed from names.)
    /// </summary>
    public bool IsStepRunMember(IMethodSymbol method, ChangeGateOptions options) =>
        method.ContainingType is { } type && (ContextOf(type, options) & TypeContext.HomeGrownStep) != 0 && UpdateSteps.IsRunLikeMember(method, options);

    /// <summary>
    /// True when the operation block of <paramref name="owningSymbol"/> may hold update code: the member is update code, or a
    /// local function in it may be, or it may extract an archive. Cheap and cached per member: names first, then a text search
    /// of the tree (once per tree) for update words and extraction calls, and only where one is found, the block's syntax.
    /// </summary>
    public bool MayContainUpdateCode(ISymbol owningSymbol, ImmutableArray<IOperation> blocks, ChangeGateOptions options)
    {
        if (blocks.IsEmpty)
        {
            return false;
        }

        // Asked once per block by CG1001 and CG1002 for every member of the compilation: one cached answer per member, and
        // the member's own answer is decided here without caching it (only members with watched calls ask for that again).
        var answers = AnswersFor(options);
        if (answers.Blocks.TryGetValue(owningSymbol, out var may))
        {
            return may;
        }

        var answer = answers.Members.TryGetValue(owningSymbol, out var known) ? known : DecideMember(owningSymbol, options);
        if (answer == MemberAnswer.Update)
        {
            answers.Blocks.TryAdd(owningSymbol, true);
            return true;
        }

        may = false;
        foreach (var block in blocks)
        {
            if (BlockMayHoldUpdateCode(block.Syntax, answers, options, lookForExtraction: answer != MemberAnswer.NeverUpdate))
            {
                may = true;
                break;
            }
        }

        answers.Blocks.TryAdd(owningSymbol, may);
        return may;
    }

    /// <summary>
    /// False only when no operation block of <paramref name="type"/> can hold update code, for the rules that look at update
    /// code alone (CG1001, CG1002 at their default scope): no member of the type (nor the type, for its attributes) is update
    /// code by <see cref="MayContainUpdateCode"/>'s first test, and no update-named local function or extraction call is
    /// found in its declarations (the same tree hints, read over the whole type instead of each block). So a rule can
    /// decide once, when the type starts, to register nothing for it. Cached per type; nested types are decided on their own.
    /// </summary>
    public bool TypeMayContainUpdateCode(INamedTypeSymbol type, ChangeGateOptions options)
    {
        var answers = AnswersFor(options);
        if (answers.TypesMay.TryGetValue(type, out var may))
        {
            return may;
        }

        may = DecideTypeMay(type, answers, options);
        answers.TypesMay.TryAdd(type, may);
        return may;
    }

    // A superset of "some member's DecideMember answer is Update", without deciding each member in full: the type's context
    // is read once, and a member is then update code only by an [UpdateStep] attribute, an update word in its name, or an
    // install-directory parameter (of either part of a partial method: the implementing part owns the block and may name
    // its parameters differently).
    private bool DecideTypeMay(INamedTypeSymbol type, Answers answers, ChangeGateOptions options)
    {
        // The entry point of top-level statements, and anything else the compiler declares, is left to the per-block test.
        if (type.IsImplicitlyDeclared || type.DeclaringSyntaxReferences.IsEmpty)
        {
            return true;
        }

        var spelledNamesSayNothing = SpelledNamesSayNothing(type, answers, options);
        if (MayBeUpdateContext(type, options, spelledNamesSayNothing))
        {
            return true;
        }

        // Nothing the type's declarations spell can make a member update code, and no tree hint lies in them either: only the
        // names they do not spell could (explicit interface implementations, whose names carry the interface's namespace, and
        // the names the compiler gives constructors, operators, indexers, accessors and record members). Asking the type for
        // its members would make the compiler create them all; the syntax says whether any such name is there.
        if (spelledNamesSayNothing && !HasExplicitImplementation(type) && !FixedNamesMayMatch(options.UpdateNames))
        {
            return false;
        }

        foreach (var member in type.GetMembers())
        {
            if (member.Kind == SymbolKind.NamedType)
            {
                continue;
            }

            var named = EnclosingFunctions.NamedSymbol(member);
            if (spelledNamesSayNothing && IsSpelledAsNamed(member, named))
            {
                continue;
            }

            if ((options.UpdateNames.MayMatch(named.Name) && DecideName(named.Name, options) == NameVerdict.Update) ||
                MayHaveUpdateStepAttribute(member) || (!ReferenceEquals(named, member) && MayHaveUpdateStepAttribute(named)) ||
                (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method &&
                 (HasDirectoryParameter(method) || (method.PartialImplementationPart is { } implementation && HasDirectoryParameter(implementation)))))
            {
                return true;
            }
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (BlockMayHoldUpdateCode(reference.GetSyntax(), answers, options, lookForExtraction: true))
            {
                return true;
            }
        }

        return false;
    }

    // True when no tree that declares the type can spell a member name or parameter name that the member test above accepts,
    // nor an [UpdateStep] attribute: no update word's stem (what NameVocabulary.MayMatch looks for), no install-directory
    // qualifier (Install, Deploy; Target right before a directory noun), no identifier written with a Unicode escape, and no
    // tree of the compilation names UpdateStep (an alias). All of it is read in the type's own declarations. Then only
    // members whose names are not spelled as written (explicit interface implementations, operators, constructors,
    // indexers, members the compiler declares) need the test: the answer stays the same, without splitting or searching
    // each name.
    private bool SpelledNamesSayNothing(INamedTypeSymbol type, Answers answers, ChangeGateOptions options)
    {
        if (_compilation is not { } compilation || !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly) ||
            AnyTreeNamesUpdateStep(compilation))
        {
            return false;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (FactsOf(reference.SyntaxTree, options).MayNameMembersIn(reference.Span))
            {
                return false;
            }
        }

        return true;
    }

    // An explicit interface implementation in one of the type's declarations (not in nested types): its member's name is the
    // interface's full name and the member's, which the declaration does not spell.
    private static bool HasExplicitImplementation(INamedTypeSymbol type)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            foreach (var member in declaration.Members)
            {
                var specifier = member switch
                {
                    MethodDeclarationSyntax method => method.ExplicitInterfaceSpecifier,
                    BasePropertyDeclarationSyntax property => property.ExplicitInterfaceSpecifier,
                    OperatorDeclarationSyntax @operator => @operator.ExplicitInterfaceSpecifier,
                    ConversionOperatorDeclarationSyntax conversion => conversion.ExplicitInterfaceSpecifier,
                    _ => null,
                };
                if (specifier is not null)
                {
                    return true;
                }
            }
        }

        return false;
    }

    // The names the compiler gives members whose declarations do not spell them. True when the vocabulary may match one of
    // them (a configured word such as Item or Equals): then the member loop reads them, as it reads every name.
    private static bool FixedNamesMayMatch(NameVocabulary vocabulary) => FixedNamesMatchByVocabulary.GetValue(vocabulary, static v =>
    {
        foreach (var name in FixedMemberNames)
        {
            if (v.MayMatch(name))
            {
                return Matches.Yes;
            }
        }

        return Matches.No;
    }) == Matches.Yes;

    private static readonly ConditionalWeakTable<NameVocabulary, object> FixedNamesMatchByVocabulary = new();

    // Boxed answers for the table above (a ConditionalWeakTable holds reference types).
    private static class Matches
    {
        public static readonly object Yes = new();
        public static readonly object No = new();
    }

    private static readonly string[] FixedMemberNames =
    {
        ".ctor", ".cctor", "Finalize", "this[]", "Item", "get_Item", "set_Item", "Invoke", "BeginInvoke", "EndInvoke", "value__",
        "EqualityContract", "<Clone>$", "PrintMembers", "Deconstruct", "Equals", "GetHashCode", "ToString", "<Main>$", "k__BackingField",
        "op_Implicit", "op_Explicit", "op_CheckedExplicit", "op_Addition", "op_Subtraction", "op_Multiply", "op_Division", "op_Modulus",
        "op_CheckedAddition", "op_CheckedSubtraction", "op_CheckedMultiply", "op_CheckedDivision", "op_CheckedUnaryNegation",
        "op_CheckedIncrement", "op_CheckedDecrement", "op_ExclusiveOr", "op_BitwiseAnd", "op_BitwiseOr", "op_LogicalNot",
        "op_OnesComplement", "op_Increment", "op_Decrement", "op_True", "op_False", "op_Equality", "op_Inequality", "op_LessThan",
        "op_GreaterThan", "op_LessThanOrEqual", "op_GreaterThanOrEqual", "op_LeftShift", "op_RightShift", "op_UnsignedRightShift",
        "op_UnaryPlus", "op_UnaryNegation", "op_AdditionAssignment", "op_SubtractionAssignment", "op_MultiplicationAssignment",
        "op_DivisionAssignment", "op_ModulusAssignment", "op_BitwiseAndAssignment", "op_BitwiseOrAssignment",
        "op_ExclusiveOrAssignment", "op_LeftShiftAssignment", "op_RightShiftAssignment", "op_UnsignedRightShiftAssignment",
        "op_IncrementAssignment", "op_DecrementAssignment", "op_CheckedAdditionAssignment", "op_CheckedSubtractionAssignment",
        "op_CheckedMultiplicationAssignment", "op_CheckedDivisionAssignment", "op_CheckedIncrementAssignment",
        "op_CheckedDecrementAssignment",
    };

    // The member's name (or its property's or event's) is an identifier written in the member's declaration.
    private static bool IsSpelledAsNamed(ISymbol member, ISymbol named)
    {
        if (member.IsImplicitlyDeclared || named.IsImplicitlyDeclared || named.Name.IndexOf('.') >= 0)
        {
            return false;
        }

        return named switch
        {
            IMethodSymbol method => method.MethodKind == MethodKind.Ordinary,
            IPropertySymbol property => !property.IsIndexer,
            IFieldSymbol or IEventSymbol => true,
            _ => false,
        };
    }

    // What of ContextOf (and of DecideMember for the type itself, as the owner of its attributes' blocks) can make a member
    // of the type update code: its name or an enclosing type's, [UpdateStep] or a step interface, an update-named namespace
    // or assembly. A home-grown step framework, the costly part of ContextOf, does not make members update code.
    // With namesSayNothing (see SpelledNamesSayNothing), the names of the type and its enclosing types, written in its trees,
    // say nothing and carry no [UpdateStep].
    private bool MayBeUpdateContext(INamedTypeSymbol type, ChangeGateOptions options, bool namesSayNothing)
    {
        var answers = AnswersFor(options);
        if (answers.Types.TryGetValue(type, out var known))
        {
            return (known & (TypeContext.Named | TypeContext.Step | TypeContext.Namespace)) != 0;
        }

        // With namesSayNothing the type's own declarations spell no update word; an enclosing type's name lies outside them.
        for (var current = namesSayNothing ? type.ContainingType : type; current is not null; current = current.ContainingType)
        {
            if ((options.UpdateNames.MayMatch(current.Name) && NameVerdictOf(current, options) == NameVerdict.Update) || MayHaveUpdateStepAttribute(current))
            {
                return true;
            }
        }

        return ImplementsStepInterface(type, options) ||
               (type.TypeKind == TypeKind.Interface && options.StepInterfaces.ContainsExactly(type.Name)) ||
               IsUpdateNamespace(type.ContainingNamespace, answers, options) || IsUpdateAssembly(type.ContainingAssembly, answers, options);
    }

    // HasUpdateStepAttribute, without reading the attributes of a symbol of this compilation when no tree of it spells
    // UpdateStep (an attribute applied in source, directly or through an alias, is spelled in some tree): the same answer.
    private bool MayHaveUpdateStepAttribute(ISymbol symbol)
    {
        if (_compilation is { } compilation && SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, compilation.Assembly) &&
            !AnyTreeNamesUpdateStep(compilation))
        {
            return false;
        }

        return HasUpdateStepAttribute(symbol);
    }

    private bool AnyTreeNamesUpdateStep(Compilation compilation)
    {
        var known = Volatile.Read(ref _treesNameUpdateStep);
        if (known != 0)
        {
            return known > 0;
        }

        var any = false;
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (TreeText.MayName(tree, UpdateStepNames))
            {
                any = true;
                break;
            }
        }

        Volatile.Write(ref _treesNameUpdateStep, any ? 1 : -1);
        return any;
    }

    private static readonly string[] UpdateStepNames = { UpdateStepAttributeName };

    /// <summary>True when <paramref name="symbol"/> (a method or property) is named as a health check (<c>changegate.health_methods</c>).</summary>
    public bool IsHealthCheck(ISymbol symbol, ChangeGateOptions options)
    {
        var words = Words(symbol.Name);
        return options.HealthMethods.Matches(words, 0, words.Length);
    }

    /// <summary>True when the type implements one of the configured step interfaces (by simple name).</summary>
    public static bool ImplementsStepInterface(ITypeSymbol type, ChangeGateOptions options)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            if (options.StepInterfaces.ContainsExactly(implemented.Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="symbol"/> carries an attribute named <c>UpdateStep</c> (any namespace).</summary>
    public static bool HasUpdateStepAttribute(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            var name = attribute.AttributeClass?.Name;
            if (name is not null &&
                (string.Equals(name, UpdateStepAttributeName, StringComparison.Ordinal) ||
                 string.Equals(name, UpdateStepAttributeName + "Attribute", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="firstWord"/>, the first word of a member name, is a verb that is not an update step.</summary>
    public static bool IsNonUpdateVerb(string firstWord)
    {
        foreach (var verb in NonUpdateVerbs)
        {
            if (string.Equals(firstWord, verb, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private Answers AnswersFor(ChangeGateOptions options) => _answers.GetOrAdd(options, static _ => new Answers());

    // What a name says depends on the name and the options alone, and member names repeat (Equals, Dispose, Name, Value…):
    // each is decided once per options object.
    private NameVerdict DecideName(string name, ChangeGateOptions options)
    {
        var verdicts = AnswersFor(options).NameVerdicts;
        if (verdicts.TryGetValue(name, out var verdict))
        {
            return verdict;
        }

        verdict = UpdateWords.Verdict(Words(name), options.UpdateNames, options.NonUpdateNames);
        if (Volatile.Read(ref _verdictCount) < MaxCachedNames && verdicts.TryAdd(name, verdict))
        {
            Interlocked.Increment(ref _verdictCount);
        }

        return verdict;
    }

    // A bare Release or Publish says too little on its own: a lock, a lease or a seat is released (FileLock.Release()), a
    // message bus publishes (EventBus.PublishAsync(e)). There the type's name decides.
    private bool IsBareVerbOfResourceOrBus(ISymbol named, string[] words)
    {
        var count = words.Length == 2 && string.Equals(words[1], "Async", StringComparison.OrdinalIgnoreCase) ? 1 : words.Length;
        if (count != 1 || named.ContainingType is not { } type)
        {
            return false;
        }

        var typeWords = Words(type.Name);
        if (string.Equals(words[0], "Release", StringComparison.OrdinalIgnoreCase))
        {
            return typeWords.Length > 0 && UpdateWords.IsResourceNoun(typeWords[typeWords.Length - 1]);
        }

        if (string.Equals(words[0], "Publish", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var word in typeWords)
            {
                if (IdentifierWords.IsOneOf(word, MessagingNouns) || IdentifierWords.IsOneOf(word.TrimEnd('s'), MessagingNouns))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private MemberAnswer AnswerFor(ISymbol member, ChangeGateOptions options)
    {
        var answers = AnswersFor(options);
        if (!answers.Members.TryGetValue(member, out var answer))
        {
            answer = DecideMember(member, options);
            answers.Members.TryAdd(member, answer);
        }

        return answer;
    }

    private MemberAnswer DecideMember(ISymbol member, ChangeGateOptions options)
    {
        // Accessors take the name of their property or event: a setter of ReleaseVersion is update code.
        var named = EnclosingFunctions.NamedSymbol(member);
        if (MayHaveUpdateStepAttribute(member) || (!ReferenceEquals(named, member) && MayHaveUpdateStepAttribute(named)))
        {
            return MemberAnswer.Update;
        }

        var words = Words(named.Name);
        switch (DecideName(named.Name, options))
        {
            case NameVerdict.Update when !IsBareVerbOfResourceOrBus(named, words):
                return MemberAnswer.Update;
            case NameVerdict.NonUpdate:
                return MemberAnswer.NeverUpdate;
        }

        if (words.Length > 0 && IsNonUpdateVerb(words[0]))
        {
            return MemberAnswer.NotByName;
        }

        if (member is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } function)
        {
            // A local function's type and namespace are its member's, which the caller checks itself.
            return HasDirectoryParameter(function) ? MemberAnswer.Update : MemberAnswer.NotByName;
        }

        if (member.ContainingType is { } type)
        {
            var context = ContextOf(type, options);
            if ((context & TypeContext.Named) != 0)
            {
                return MemberAnswer.Update;
            }

            // A namespace or assembly says where code lives, not what each member does: there the member's verb must be
            // one that installs (PayloadExpander.Run in Contoso.Kiosk.Setup), not housekeeping (LogJanitor.CleanOldLogs).
            if ((context & TypeContext.Namespace) != 0 && words.Length > 0 && IdentifierWords.IsOneOf(words[0], PlaceContextVerbs))
            {
                return MemberAnswer.Update;
            }

            if ((context & TypeContext.Step) != 0 && member is IMethodSymbol method && IsStepMember(method, type, options))
            {
                return MemberAnswer.Update;
            }
        }

        return member is IMethodSymbol { MethodKind: MethodKind.Ordinary } ordinary && HasDirectoryParameter(ordinary)
            ? MemberAnswer.Update
            : MemberAnswer.NotByName;
    }

    // In a step type: its apply and rollback members, and the helpers they call (the non-public methods). Its constructor,
    // accessors and other public members (Describe(), ShouldRun()) are not update code because the type is a step.
    private static bool IsStepMember(IMethodSymbol method, INamedTypeSymbol type, ChangeGateOptions options)
    {
        if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation) || method.IsStatic)
        {
            return false;
        }

        return method.DeclaredAccessibility != Accessibility.Public ||
               method.MethodKind == MethodKind.ExplicitInterfaceImplementation ||
               UpdateSteps.IsRollbackMember(method, options) ||
               UpdateSteps.IsApplyMember(method, options) ||
               UpdateSteps.IsRunLikeMember(method, options) ||
               UpdateSteps.ImplementsStepContractMember(type, method, options);
    }

    private TypeContext ContextOf(ITypeSymbol type, ChangeGateOptions options)
    {
        var answers = AnswersFor(options);
        if (answers.Types.TryGetValue(type, out var context))
        {
            return context;
        }

        context = TypeContext.None;
        if ((options.UpdateNames.MayMatch(type.Name) && NameVerdictOf(type, options) == NameVerdict.Update) ||
            (type.ContainingType is { } enclosing && (ContextOf(enclosing, options) & TypeContext.Named) != 0))
        {
            context |= TypeContext.Named;
        }

        if (MayHaveUpdateStepAttribute(type) || ImplementsStepInterface(type, options) ||
            (type.TypeKind == TypeKind.Interface && options.StepInterfaces.ContainsExactly(type.Name)))
        {
            context |= TypeContext.Step;
        }

        if (type is INamedTypeSymbol named &&
            (UpdateSteps.IsHomeGrownStep(named, options, this) || UpdateSteps.IsHomeGrownStepInterface(named, options, this)))
        {
            context |= TypeContext.HomeGrownStep;
        }

        if (IsUpdateNamespace(type.ContainingNamespace, answers, options) || IsUpdateAssembly(type.ContainingAssembly, answers, options))
        {
            context |= TypeContext.Namespace;
        }

        answers.Types.TryAdd(type, context);
        return context;
    }

    // The innermost namespace names where code lives: Contoso.Kiosk.Setup, Octopus.Deployment, App.Updater.
    private bool IsUpdateNamespace(INamespaceSymbol? ns, Answers answers, ChangeGateOptions options)
    {
        if (ns is null || ns.IsGlobalNamespace)
        {
            return false;
        }

        if (!answers.Places.TryGetValue(ns, out var isUpdate))
        {
            isUpdate = IsUpdatePlaceName(ns.Name, options);
            answers.Places.TryAdd(ns, isUpdate);
        }

        return isUpdate;
    }

    // An assembly named for an update, installer or setup: Contoso.Kiosk.Setup, AutoUpdater, MyApp.Installer.
    private bool IsUpdateAssembly(IAssemblySymbol? assembly, Answers answers, ChangeGateOptions options)
    {
        if (assembly is null)
        {
            return false;
        }

        if (!answers.Places.TryGetValue(assembly, out var isUpdate))
        {
            isUpdate = false;
            foreach (var segment in assembly.Name.Split('.'))
            {
                if (IsUpdatePlaceName(segment, options))
                {
                    isUpdate = true;
                    break;
                }
            }

            answers.Places.TryAdd(assembly, isUpdate);
        }

        return isUpdate;
    }

    private bool IsUpdatePlaceName(string segment, ChangeGateOptions options)
    {
        var words = Words(segment);
        foreach (var word in words)
        {
            if (string.Equals(word, "Setup", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return UpdateWords.Verdict(words, options.UpdateNames, WordPatterns.Empty) == NameVerdict.Update;
    }

    // installDir, installationPath, deploymentRoot, deployDir, targetDir, targetFolder: where an update writes.
    private bool HasDirectoryParameter(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (MayBeDirectoryName(parameter.Name) && IsInstallDirectoryName(Words(parameter.Name)))
            {
                return true;
            }
        }

        return false;
    }

    // Cheap test before splitting: the last word of the name (after any trailing separators) must be a directory noun.
    private static bool MayBeDirectoryName(string name)
    {
        var end = name.Length;
        while (end > 0 && !char.IsLetterOrDigit(name[end - 1]))
        {
            end--;
        }

        foreach (var noun in DirectoryNouns)
        {
            if (end >= noun.Length && string.Compare(name, end - noun.Length, noun, 0, noun.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the words of a name say "an install, deployment or target directory": the last word is Dir, Directory,
    /// Folder or Root (Path only after an install or deployment word) and the word before it is Install, Installation,
    /// Deploy, Deployment or Target.
    /// </summary>
    public static bool IsInstallDirectoryName(string[] words)
    {
        if (words.Length < 2)
        {
            return false;
        }

        var noun = words[words.Length - 1];
        var qualifier = words[words.Length - 2];
        if (!IdentifierWords.IsOneOf(noun, DirectoryNouns))
        {
            return false;
        }

        if (IdentifierWords.IsOneOf(qualifier, InstallQualifiers))
        {
            return true;
        }

        return IdentifierWords.IsOneOf(qualifier, TargetQualifiers) && !string.Equals(noun, "Path", StringComparison.OrdinalIgnoreCase) &&
               !string.Equals(noun, "Root", StringComparison.OrdinalIgnoreCase);
    }

    private bool BlockMayHoldUpdateCode(SyntaxNode block, Answers answers, ChangeGateOptions options, bool lookForExtraction)
    {
        var hints = FactsOf(block.SyntaxTree, options).Hints;

        // Only the tokens at the hints inside the block are read: a local function's name, attribute or parameter, or the
        // name of an extraction call, each found from its token without walking the block.
        var index = Array.BinarySearch(hints, block.Span.Start);
        for (index = index < 0 ? ~index : index; index < hints.Length && hints[index] < block.Span.End; index++)
        {
            var token = block.FindToken(hints[index]);
            for (var node = token.Parent; node is not null && node != block; node = node.Parent)
            {
                if (node is LocalFunctionStatementSyntax localFunction)
                {
                    if (LocalFunctionMayBeUpdateCode(localFunction, options))
                    {
                        return true;
                    }

                    break;
                }

                if (node is InvocationExpressionSyntax invocation)
                {
                    if (lookForExtraction && ArchiveExtraction.IsExtractionName(InvokedName(invocation.Expression)))
                    {
                        return true;
                    }

                    break;
                }

                if (node is StatementSyntax or BlockSyntax)
                {
                    break;
                }
            }
        }

        return false;
    }

    // Kept per tree, not per compilation: a tree the IDE keeps from one compilation to the next (every file but the one being
    // edited) is read once, not at each keystroke. The facts are positions in the tree's text found by the words of one
    // vocabulary and nothing else (no symbol, no other option), so they are keyed by the tree and by that vocabulary (an
    // immutable object, the same for every tree under the same options): other options that keep it share them, another
    // vocabulary reads the tree again.
    private static readonly ConditionalWeakTable<SyntaxTree, ConditionalWeakTable<NameVocabulary, TreeFacts>> FactsByTree = new();

    private static TreeFacts FactsOf(SyntaxTree tree, ChangeGateOptions options)
    {
        var byVocabulary = FactsByTree.GetValue(tree, static _ => new ConditionalWeakTable<NameVocabulary, TreeFacts>());
        return byVocabulary.TryGetValue(options.UpdateNames, out var facts) ? facts : ReadFacts(byVocabulary, tree, options.UpdateNames);
    }

    // The miss path on its own, so a hit allocates no closure over the tree.
    private static TreeFacts ReadFacts(ConditionalWeakTable<NameVocabulary, TreeFacts> byVocabulary, SyntaxTree tree, NameVocabulary vocabulary) =>
        byVocabulary.GetValue(vocabulary, v => TreeFactsOf(tree, v));

    private bool LocalFunctionMayBeUpdateCode(LocalFunctionStatementSyntax localFunction, ChangeGateOptions options)
    {
        if (DecideName(localFunction.Identifier.ValueText, options) == NameVerdict.Update)
        {
            return true;
        }

        foreach (var list in localFunction.AttributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                var name = InvokedName(attribute.Name);
                if (name is UpdateStepAttributeName or UpdateStepAttributeName + "Attribute")
                {
                    return true;
                }
            }
        }

        foreach (var parameter in localFunction.ParameterList.Parameters)
        {
            if (IsInstallDirectoryName(Words(parameter.Identifier.ValueText)))
            {
                return true;
            }
        }

        return false;
    }

    private static string? InvokedName(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };

    // Where the tree's text holds an update word (its stem, so Migrat finds Migration) or an extraction call: only blocks
    // around such a place can hold an update-named local function or an extraction. One search per word finds every stem,
    // ignoring case (WordScanner): a word of a split identifier is Capitalized, lowercase or ALL CAPS, and every
    // such occurrence is found (mixed-case ones too, which the token check at each hint then reads like any other).
    // The words of MemberWords are searched too (those that hold no hint word: a hint already marks the others), and with the
    // hints they say where the text may spell a member or parameter name that speaks (TreeFacts.MayNameMembersIn).
    private static TreeFacts TreeFactsOf(SyntaxTree tree, NameVocabulary vocabulary)
    {
        var text = tree.GetText().ToString();
        var scanned = ScannedWordsByVocabulary.GetValue(vocabulary, ScannedWordsOf);

        // The facts are read inside the span of a block or of a type declaration, and no node's span starts before the first
        // token: the trivia before it (a file's licence header, often a tenth of its text) is not searched.
        var start = tree.GetRoot().GetFirstToken(includeZeroWidth: true).SpanStart;

        // One call finds both the hints (the leading words) and every word that may make a member name speak.
        var positions = WordScanner.For(scanned.Item2).Positions(text, start, scanned.Item1, out var hints);
        if (TargetDirectoryPositions(text, start) is { Count: > 0 } targetDirectories)
        {
            targetDirectories.AddRange(positions);
            targetDirectories.Sort();
            positions = targetDirectories.ToArray();
        }

        // An identifier written with \uXXXX escapes may spell any of them; so may any name when the vocabulary has an empty stem.
        var anywhere = MemberWordsByVocabulary.GetValue(vocabulary, MemberWordsOf) is null || TreeText.HasEscapedIdentifier(tree, text);
        return new TreeFacts(hints, anywhere ? null : positions);
    }

    // Where a target qualifier stands before a directory noun it may name a target-directory parameter (IsInstallDirectoryName:
    // targetDir, target_folder, TargetDirectory; not targetPath or targetRoot): "target", then any underscores, then "dir" or
    // "folder", ignoring case. A plain targetType or target says nothing.
    private static System.Collections.Generic.List<int>? TargetDirectoryPositions(string text, int start)
    {
        System.Collections.Generic.List<int>? positions = null;
        for (var at = text.IndexOf(TargetWord, start, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = text.IndexOf(TargetWord, at + TargetWord.Length, StringComparison.OrdinalIgnoreCase))
        {
            var next = at + TargetWord.Length;
            while (next < text.Length && text[next] == '_')
            {
                next++;
            }

            if (string.Compare(text, next, "dir", 0, 3, StringComparison.OrdinalIgnoreCase) == 0 ||
                string.Compare(text, next, "folder", 0, 6, StringComparison.OrdinalIgnoreCase) == 0)
            {
                (positions ??= new System.Collections.Generic.List<int>()).Add(at);
            }
        }

        return positions;
    }

    private const string TargetWord = "target";

    // The hint words, then the member words that hold none of them, as one list for the scanner, and how many hints lead it.
    private static readonly ConditionalWeakTable<NameVocabulary, Tuple<int, string[]>> ScannedWordsByVocabulary = new();

    private static Tuple<int, string[]> ScannedWordsOf(NameVocabulary vocabulary)
    {
        var hints = HintWordsByVocabulary.GetValue(vocabulary, HintWordsOf);
        var members = MemberWordsByVocabulary.GetValue(vocabulary, MemberWordsOf) ?? Array.Empty<string>();
        var words = new string[hints.Length + members.Length];
        hints.CopyTo(words, 0);
        members.CopyTo(words, hints.Length);
        return Tuple.Create(hints.Length, words);
    }

    // The stems MayMatch looks for and the install qualifiers (Target is found apart), less those that hold a hint word (found by the hint
    // search already); null when the vocabulary has an empty stem (any name may match).
    private static readonly ConditionalWeakTable<NameVocabulary, string[]?> MemberWordsByVocabulary = new();

    private static string[]? MemberWordsOf(NameVocabulary vocabulary)
    {
        var hintWords = HintWordsByVocabulary.GetValue(vocabulary, HintWordsOf);
        var words = new System.Collections.Generic.List<string>();
        var candidates = new System.Collections.Generic.List<string>(vocabulary.Stems);
        candidates.AddRange(InstallQualifiers);

        // Target speaks only right before a directory noun (targetDir, TARGET_FOLDER): TargetDirectoryPositions finds those.
        foreach (var candidate in candidates)
        {
            if (candidate.Length == 0)
            {
                return null;
            }

            var holdsHint = false;
            foreach (var hint in hintWords)
            {
                if (candidate.IndexOf(hint, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    holdsHint = true;
                    break;
                }
            }

            if (!holdsHint)
            {
                AddDistinct(words, candidate.ToLowerInvariant());
            }
        }

        return words.ToArray();
    }

    // The hint words, worked out once per vocabulary instead of once per tree (splitting and lower-casing
    // them for every tree was most of its cost): the stem of each update word's first word, then the extraction prefixes.
    private static readonly ConditionalWeakTable<NameVocabulary, string[]> HintWordsByVocabulary = new();

    private static string[] HintWordsOf(NameVocabulary vocabulary)
    {
        var words = new System.Collections.Generic.List<string>();
        foreach (var word in vocabulary.Words)
        {
            var first = IdentifierWords.Split(word);
            if (first.Length > 0)
            {
                AddDistinct(words, Stem(first[0]).ToLowerInvariant());
            }
        }

        // Every ExtractX prefix starts where "extract" does: one search finds them all (and a few more places to read).
        foreach (var prefix in ArchiveExtraction.Prefixes)
        {
            AddDistinct(words, prefix.StartsWith(ExtractWord, StringComparison.OrdinalIgnoreCase) ? ExtractWord
                : prefix.EndsWith(ToDirectoryWord, StringComparison.OrdinalIgnoreCase) ? ToDirectoryWord
                : prefix.ToLowerInvariant());
        }

        return words.ToArray();
    }

    private const string ExtractWord = "extract";

    // WriteToDirectory and WriteEntryToDirectory both hold it: one search instead of two. A hint needs only to fall inside the
    // identifier (its token is read, whatever the offset), and a few more places (MoveToDirectory) only cost a token read.
    private const string ToDirectoryWord = "todirectory";

    private static void AddDistinct(System.Collections.Generic.List<string> words, string word)
    {
        if (!words.Contains(word))
        {
            words.Add(word);
        }
    }

    private static string Stem(string word)
    {
        var last = char.ToLowerInvariant(word[word.Length - 1]);
        return word.Length > 3 && last is 'e' or 'y' ? word.Substring(0, word.Length - 1) : word;
    }

    // Per tree: where its text holds an update word or an extraction call (sorted), and where it may spell a member or
    // parameter name that makes a member update code (see SpelledNamesSayNothing): null when anywhere.
    private sealed class TreeFacts
    {
        private readonly int[]? _memberWordPositions;

        public TreeFacts(int[] hints, int[]? memberWordPositions)
        {
            Hints = hints;
            _memberWordPositions = memberWordPositions;
        }

        public int[] Hints { get; }

        // True when a word that may make a member name speak (or a hint) starts inside span.
        public bool MayNameMembersIn(Microsoft.CodeAnalysis.Text.TextSpan span)
        {
            if (_memberWordPositions is not { } positions)
            {
                return true;
            }

            var index = Array.BinarySearch(positions, span.Start);
            index = index < 0 ? ~index : index;
            return index < positions.Length && positions[index] < span.End;
        }
    }

    private sealed class Answers
    {
        public readonly ConcurrentDictionary<ISymbol, NameVerdict> Names = new(Stripes, 256, SymbolEqualityComparer.Default);
        public readonly ConcurrentDictionary<ISymbol, MemberAnswer> Members = new(Stripes, 256, SymbolEqualityComparer.Default);
        public readonly ConcurrentDictionary<ISymbol, TypeContext> Types = new(Stripes, 256, SymbolEqualityComparer.Default);
        public readonly ConcurrentDictionary<ISymbol, bool> Places = new(Stripes, 16, SymbolEqualityComparer.Default);
        public readonly ConcurrentDictionary<ISymbol, bool> Bodies = new(Stripes, 16, SymbolEqualityComparer.Default);
        public readonly ConcurrentDictionary<ISymbol, bool> Blocks = new(Stripes, 1024, SymbolEqualityComparer.Default);
        public readonly ConcurrentDictionary<ISymbol, bool> TypesMay = new(Stripes, 256, SymbolEqualityComparer.Default);
        public readonly ConcurrentDictionary<string, NameVerdict> NameVerdicts = new(Stripes, 1024, StringComparer.Ordinal);
    }
}

/// <summary>What the classifier decided for one member.</summary>
internal enum MemberAnswer
{
    /// <summary>Not update code by its name or context (its body may still say so).</summary>
    NotByName,

    /// <summary>Update code.</summary>
    Update,

    /// <summary>Its name matches <c>changegate.non_update_names</c>: never update code.</summary>
    NeverUpdate,
}

/// <summary>Why the members of a type may be update code.</summary>
[Flags]
internal enum TypeContext
{
    /// <summary>No reason.</summary>
    None = 0,

    /// <summary>The type or an enclosing type is named as update code.</summary>
    Named = 1,

    /// <summary>The type is declared an update step (<c>[UpdateStep]</c>, a configured step interface).</summary>
    Step = 2,

    /// <summary>The innermost namespace or the assembly is named for updates, installers or setup.</summary>
    Namespace = 4,

    /// <summary>The type is a step (or step contract) of a home-grown framework, recognized by names (CG2001, rollout calls).</summary>
    HomeGrownStep = 8,
}
