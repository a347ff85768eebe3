using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Recognizes update steps and their apply and rollback members.
/// </summary>
/// <remarks>
/// An update step is a class or struct that carries an attribute named <c>UpdateStep</c>, implements a
/// configured step interface (<c>changegate.step_interfaces</c>), or is update code and declares an
/// apply member that a runner can call: not private, and not the implementation of another interface's
/// contract (<c>ICommand.Execute</c>, a scheduler's <c>IJob.Execute</c>), nor a command's or a handler's (a type or
/// an overridden base named <c>…Command</c>, <c>…Cmdlet</c>, <c>…Verb</c> or <c>…Handler</c>: an entry point that runs
/// steps, not one). Apply members are named exactly
/// as a word of <c>changegate.apply_names</c>, optionally with <c>Async</c> (<c>Apply</c>, <c>ExecuteAsync</c>);
/// rollback members begin with a word of <c>changegate.rollback_names</c> (<c>Rollback</c>,
/// <c>RollbackAsync</c>, <c>RevertChanges</c>). The apply test is strict and the rollback test loose on
/// purpose: a step is only reported when we are sure it is one, and never because its rollback has an
/// unusual name.
/// </remarks>
internal static class UpdateSteps
{
    /// <summary>True when <paramref name="type"/> is an update step.</summary>
    public static bool IsUpdateStep(INamedTypeSymbol type, ChangeGateOptions options, UpdateCodeClassifier classifier)
    {
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsStatic)
        {
            return false;
        }

        // The classifier has decided (and cached) whether the type is a step by attribute, interface or framework.
        return classifier.IsStepType(type, options) ||
               (classifier.IsUpdateType(type, options) &&
                (DeclaredApplyMember(type, options, entryPointsOnly: true) is not null || TemplateRunOverride(type, options) is not null));
    }

    /// <summary>
    /// The run member of a step of a home-grown step base that names no update itself (<c>PlanAction</c>, <c>HostOperation</c>,
    /// <c>JobStep</c>): <paramref name="type"/> is a concrete class whose own name says it applies an update — it begins with an
    /// update word, or with <c>Apply</c>, <c>Run</c>, <c>Execute</c> or <c>Perform</c> followed by one (<c>UpgradeHostPlanAction</c>,
    /// <c>ApplyPatchPlanAction</c>, <c>InstallAgentStep</c>), and holds no word of a check or a transfer (<c>Precheck</c>,
    /// <c>Verify</c>, <c>Download</c>, <c>Upload</c>: <c>UploadPatchStep</c> moves the patch, it does not apply it) — and it overrides
    /// the one abstract run-like template member (<c>_Run</c>, <c>RunWithSession</c>, <c>ExecuteCore</c>, <c>DoApplyAsync</c>) of a
    /// base class in source whose name, or a base's, holds a step noun (<c>Action</c>, <c>Step</c>, <c>Task</c>…). Null otherwise.
    /// </summary>
    public static IMethodSymbol? TemplateRunOverride(INamedTypeSymbol type, ChangeGateOptions options)
    {
        if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic || !NamesAppliedUpdate(type.Name, options))
        {
            return null;
        }

        IMethodSymbol? found = null;
        foreach (var method in OrdinaryMethods(type))
        {
            if (!method.IsOverride || method.DeclaredAccessibility == Accessibility.Private || !IsTemplateRunName(method.Name, options))
            {
                continue;
            }

            var root = method.OverriddenMethod;
            for (var depth = 0; root?.OverriddenMethod is not null && depth < MaxHierarchyDepth; depth++)
            {
                root = root.OverriddenMethod;
            }

            if (root is null || !root.IsAbstract || root.ContainingType is not { } declaring || declaring.DeclaringSyntaxReferences.IsEmpty ||
                !HasStepNounInHierarchy(declaring) || CountAbstractTemplateRuns(declaring, options) != 1)
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            found = method;
        }

        return found;
    }

    private const int MaxHierarchyDepth = 32;

    // Verbs of a step that checks or moves files about rather than applying the update its name mentions.
    private static readonly string[] CheckOrTransferWords =
    {
        "Check", "Checks", "Precheck", "Prechecks", "PreCheck", "Verify", "Validate", "Validation", "Download", "Upload", "Fetch",
        "Refresh", "Scan", "Test", "Probe", "Poll",
    };

    private static readonly string[] ApplyVerbs = { "Apply", "Run", "Execute", "Perform" };

    // UpgradeHostPlanAction, InstallSupplementalPackPlanAction, ApplyPoolUpdatePlanAction: the update is what the step does;
    // RemoveUpdateFile, PatchPrecheckOnHostPlanAction, UploadPatchToCoordinatorPlanAction name it only as what they work on.
    private static bool NamesAppliedUpdate(string name, ChangeGateOptions options)
    {
        var words = IdentifierWords.Split(name);
        if (words.Length < 2)
        {
            return false;
        }

        foreach (var word in words)
        {
            if (IdentifierWords.IsOneOf(word, CheckOrTransferWords))
            {
                return false;
            }
        }

        if (options.UpdateNames.ContainsExactly(words[0]) && !UpdateWords.IsParticipleOrAdjective(words[0], options.UpdateNames))
        {
            return true;
        }

        return IdentifierWords.IsOneOf(words[0], ApplyVerbs) && ContainsUpdateWord(words, 1, words.Length, options);
    }

    // _Run, Run, RunWithSession, ExecuteCore, DoApplyAsync, RunInternal: a run-like word, optionally after a leading underscore
    // or Do, and before With…, Core, Internal, Impl or Inner.
    private static bool IsTemplateRunName(string name, ChangeGateOptions options)
    {
        var trimmed = name.TrimStart('_');
        if (trimmed.EndsWith("Async", StringComparison.Ordinal) && trimmed.Length > "Async".Length)
        {
            trimmed = trimmed.Substring(0, trimmed.Length - "Async".Length);
        }

        var words = IdentifierWords.Split(trimmed);
        var start = words.Length > 1 && words[0] == "Do" ? 1 : 0;
        if (words.Length <= start || !IsRunLikeWord(words[start], options))
        {
            return false;
        }

        return words.Length == start + 1 || IdentifierWords.IsOneOf(words[start + 1], TemplateSuffixes);
    }

    private static readonly string[] TemplateSuffixes = { "With", "Core", "Internal", "Impl", "Inner" };

    private static bool IsRunLikeWord(string word, ChangeGateOptions options)
    {
        if (options.ApplyNames.ContainsExactly(word))
        {
            return true;
        }

        foreach (var runName in RunLikeNames)
        {
            if (string.Equals(word, runName, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasStepNounInHierarchy(INamedTypeSymbol type)
    {
        var depth = 0;
        for (var current = type; current is not null && current.SpecialType == SpecialType.None && depth < MaxHierarchyDepth; current = current.BaseType, depth++)
        {
            foreach (var word in IdentifierWords.Split(current.Name))
            {
                if (StepNounsAndPlurals.Contains(word))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static int CountAbstractTemplateRuns(INamedTypeSymbol type, ChangeGateOptions options)
    {
        var count = 0;
        foreach (var method in OrdinaryMethods(type))
        {
            if (method.IsAbstract && IsTemplateRunName(method.Name, options) && !IsRollbackMember(method, options))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// True when <paramref name="type"/> is a step of a home-grown step or migration framework, recognized without
    /// configuration by the names of its contract: it implements an interface with a step-framework name
    /// (<see cref="IsStepFrameworkName"/>, such as <c>ICatalogFixup</c>, <c>IDataMigration</c>, <c>IUpgradeTask</c>) that declares
    /// exactly one run-like method (<see cref="IsRunLikeMember"/>); or it carries an attribute with such a name (an ordering
    /// attribute such as <c>[Fixup(order: 31)]</c> or <c>[DataMigration("1.2")]</c>), or names an unresolved base type with such a
    /// name, and has exactly one public run-like method; or it derives from a base class in source with such a name that declares
    /// exactly one abstract or virtual run-like method. A private nested type (a runner's adapter) is not one.
    /// </summary>
    public static bool IsHomeGrownStep(INamedTypeSymbol type, ChangeGateOptions options, UpdateCodeClassifier classifier)
    {
        // A private nested type is a runner's own adapter (a wrapper around the real step), not a step a runner discovers.
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsStatic ||
            (type.ContainingType is not null && type.DeclaredAccessibility == Accessibility.Private))
        {
            return false;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (IsHomeGrownStepInterface(implemented, options, classifier))
            {
                return true;
            }
        }

        var unresolvedContract = false;
        if (type.BaseType is IErrorTypeSymbol errorBase && IsStepFrameworkName(errorBase.Name, StepContractKind.Unresolved, options, classifier))
        {
            unresolvedContract = true;
        }

        foreach (var declared in type.Interfaces)
        {
            unresolvedContract |= declared is IErrorTypeSymbol && IsStepFrameworkName(declared.Name, StepContractKind.Unresolved, options, classifier);
        }

        if (unresolvedContract || HasStepFrameworkAttribute(type, options, classifier))
        {
            return SinglePublicRunLikeMethod(type, options) is not null;
        }

        for (var current = type.BaseType; current is not null && current.SpecialType == SpecialType.None; current = current.BaseType)
        {
            if (current is IErrorTypeSymbol || current.DeclaringSyntaxReferences.IsEmpty)
            {
                break;
            }

            if (IsStepFrameworkName(current.Name, StepContractKind.BaseClass, options, classifier) && CountRunLike(current, options, overridableOnly: true) == 1)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="type"/> is an interface with a step-framework name that declares exactly one run-like method.</summary>
    public static bool IsHomeGrownStepInterface(INamedTypeSymbol type, ChangeGateOptions options, UpdateCodeClassifier classifier)
    {
        if (type.TypeKind != TypeKind.Interface || !IsStepFrameworkName(type.Name, StepContractKind.Interface, options, classifier))
        {
            return false;
        }

        var count = CountRunLike(type, options, overridableOnly: false);
        foreach (var inherited in type.AllInterfaces)
        {
            count += CountRunLike(inherited, options, overridableOnly: false);
        }

        return count == 1;
    }

    /// <summary>
    /// True when <paramref name="name"/> names the contract of a step framework: it holds an update word
    /// (<c>changegate.update_names</c>, false friends excluded) or <c>Fixup</c>, and its head — the last word, after a leading
    /// <c>I</c> of an interface, a trailing <c>Attribute</c> or <c>Base</c> — is that word in a form naming a change (<c>Migration</c>,
    /// <c>Upgrade</c>, <c>Fixup</c>, <c>Patch</c>, not <c>Migrator</c>, <c>Upgradeable</c>) or a step noun (<c>Step</c>, <c>Task</c>,
    /// <c>Script</c>, <c>Action</c>, <c>Job</c>, <c>Operation</c>, <c>Routine</c>, <c>Change</c>; for attributes also <c>Order</c>,
    /// <c>Version</c>). So <c>IMigrationService</c>, <c>IUpdateChecker</c> and <c>IUpgradeable</c> are not step contracts.
    /// </summary>
    public static bool IsStepFrameworkName(string name, StepContractKind kind, ChangeGateOptions options, UpdateCodeClassifier classifier)
    {
        // Asked for every interface, base type and attribute of every type: a name that spells neither Fix nor an update
        // word's stem (NameVocabulary.MayMatch) is none, decided without splitting it.
        if (name.IndexOf("Fix", StringComparison.OrdinalIgnoreCase) < 0 && !options.UpdateNames.MayMatch(name))
        {
            return false;
        }

        var words = classifier.Words(name);
        var start = 0;
        var end = words.Length;
        if (kind is StepContractKind.Interface or StepContractKind.Unresolved && end > 1 && words[0] == "I")
        {
            start = 1;
        }

        if (end - start > 1 && words[end - 1] is "Attribute" or "Base")
        {
            end--;
        }

        if (end - start > 1 && words[start] is "Abstract" or "Base")
        {
            start++;
        }

        if (end <= start)
        {
            return false;
        }

        var head = words[end - 1];
        var isFixupHead = string.Equals(head, "Fixup", StringComparison.OrdinalIgnoreCase) || string.Equals(head, "Fixups", StringComparison.OrdinalIgnoreCase) ||
                          (end - start >= 2 && string.Equals(head, "Up", StringComparison.OrdinalIgnoreCase) &&
                           string.Equals(words[end - 2], "Fix", StringComparison.OrdinalIgnoreCase));
        if (isFixupHead)
        {
            return true;
        }

        if (IsStepNoun(head, kind))
        {
            for (var i = start; i < end - 1; i++)
            {
                if (string.Equals(words[i], "Fixup", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return ContainsUpdateWord(words, start, end - 1, options);
        }

        // The head itself is the update word, naming a change: Migration, Upgrade(s), Patch, Deployment; not an agent
        // (Migrator, Updater, Installer), an activity (Provisioning) or a state (Upgradeable, Updated).
        return ContainsUpdateWord(words, end - 1, end, options) && !UpdateWords.IsParticipleOrAdjective(head, options.UpdateNames) &&
               !EndsWithAny(head, "er", "ers", "or", "ors", "ing");
    }

    /// <summary>
    /// True when <paramref name="method"/> is named like the one member a step runner calls: an apply name
    /// (<c>changegate.apply_names</c>) or <c>Run</c>, <c>Update</c>, <c>Install</c>, <c>Migrate</c>, <c>Process</c>, <c>Perform</c>,
    /// <c>Fix</c>, <c>Invoke</c>,
    /// optionally followed by <c>Async</c>.
    /// </summary>
    public static bool IsRunLikeMember(IMethodSymbol method, ChangeGateOptions options)
    {
        var name = SimpleName(method);
        if (name.EndsWith("Async", StringComparison.Ordinal) && name.Length > "Async".Length)
        {
            name = name.Substring(0, name.Length - "Async".Length);
        }

        return IsRunLikeWord(name, options);
    }

    /// <summary>True when <paramref name="method"/> implements a member of a configured or home-grown step interface.</summary>
    public static bool ImplementsStepContractMember(INamedTypeSymbol type, IMethodSymbol method, ChangeGateOptions options)
    {
        foreach (var implemented in method.ExplicitInterfaceImplementations)
        {
            if (options.StepInterfaces.ContainsExactly(implemented.ContainingType.Name) || IsRunLikeMember(implemented, options))
            {
                return true;
            }
        }

        return ImplementsStepInterfaceMember(type, method, options);
    }

    // Update and Install count only here, for the one member of a contract named as a step framework (IMigration.UpdateAsync,
    // IPluginInstallStep.Install); as apply names on any update-named type they would make every updater a step.
    internal static readonly string[] RunLikeNames = { "Run", "Execute", "Apply", "Up", "Upgrade", "Update", "Install", "Migrate", "Process", "Perform", "Fix", "Invoke" };

    private static readonly string[] StepNouns = { "Step", "Task", "Script", "Action", "Job", "Operation", "Routine", "Change" };

    // The step nouns and their plurals (Step, Steps), matched ignoring case without building a plural per question.
    private static readonly HashSet<string> StepNounsAndPlurals = WithPlurals(StepNouns);

    private static readonly string[] AttributeOnlyStepNouns = { "Order", "Version" };

    private static HashSet<string> WithPlurals(string[] nouns)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var noun in nouns)
        {
            set.Add(noun);
            set.Add(noun + "s");
        }

        return set;
    }

    private static bool IsStepNoun(string word, StepContractKind kind)
    {
        if (StepNounsAndPlurals.Contains(word))
        {
            return true;
        }

        if (kind == StepContractKind.Attribute)
        {
            foreach (var noun in AttributeOnlyStepNouns)
            {
                if (string.Equals(word, noun, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool ContainsUpdateWord(string[] words, int start, int end, ChangeGateOptions options)
    {
        if (end <= start)
        {
            return false;
        }

        var slice = new string[end - start];
        Array.Copy(words, start, slice, 0, slice.Length);
        return UpdateWords.Contains(slice, options.UpdateNames, excluded: 0);
    }

    private static bool EndsWithAny(string word, params string[] suffixes)
    {
        foreach (var suffix in suffixes)
        {
            if (word.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // On the type or a base type declared in source (decoding the attributes of referenced base types is not worth it here).
    private static bool HasStepFrameworkAttribute(INamedTypeSymbol type, ChangeGateOptions options, UpdateCodeClassifier classifier)
    {
        for (var current = type; current is not null && !current.DeclaringSyntaxReferences.IsEmpty; current = current.BaseType)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (attribute.AttributeClass is { } attributeClass && IsStepFrameworkName(attributeClass.Name, StepContractKind.Attribute, options, classifier))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // The members a runner can call on the type itself (declared or inherited): exactly one public run-like method, or null.
    private static IMethodSymbol? SinglePublicRunLikeMethod(INamedTypeSymbol type, ChangeGateOptions options)
    {
        IMethodSymbol? found = null;
        for (var current = type; current is not null && current.SpecialType == SpecialType.None; current = current.BaseType)
        {
            foreach (var method in OrdinaryMethods(current))
            {
                if (method.DeclaredAccessibility != Accessibility.Public || !IsRunLikeMember(method, options) || method.IsOverride)
                {
                    continue;
                }

                if (found is not null)
                {
                    return null;
                }

                found = method;
            }
        }

        if (found is null)
        {
            // Overrides of a base's run-like member count once, where they are declared last.
            foreach (var method in OrdinaryMethods(type))
            {
                if (method.DeclaredAccessibility == Accessibility.Public && method.IsOverride && IsRunLikeMember(method, options))
                {
                    if (found is not null)
                    {
                        return null;
                    }

                    found = method;
                }
            }
        }

        return found;
    }

    private static int CountRunLike(INamedTypeSymbol type, ChangeGateOptions options, bool overridableOnly)
    {
        var count = 0;
        foreach (var method in OrdinaryMethods(type))
        {
            if (IsRunLikeMember(method, options) && !IsRollbackMember(method, options) &&
                (!overridableOnly || ((method.IsAbstract || method.IsVirtual) && method.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal)))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// True when <paramref name="type"/> is a step interface (named in <c>changegate.step_interfaces</c>, deriving from
    /// one, or marked <c>UpdateStep</c>): a default rollback it declares is inherited by every step that implements it.
    /// </summary>
    public static bool IsStepInterface(INamedTypeSymbol type, ChangeGateOptions options, UpdateCodeClassifier classifier) =>
        type.TypeKind == TypeKind.Interface &&
        (options.StepInterfaces.ContainsExactly(type.Name) ||
         UpdateCodeClassifier.ImplementsStepInterface(type, options) ||
         UpdateCodeClassifier.HasUpdateStepAttribute(type) ||
         IsHomeGrownStepInterface(type, options, classifier));

    /// <summary>
    /// The member a message should name as the step's change: an apply member of the type or its bases,
    /// else a member implementing a step interface, else the first public ordinary method; or null.
    /// </summary>
    public static IMethodSymbol? ApplyMember(INamedTypeSymbol type, ChangeGateOptions options)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (DeclaredApplyMember(current, options) is { } apply)
            {
                return apply;
            }
        }

        // The override of a step base's template run member (ApplyPatchPlanAction.RunWithSession) is the step's change.
        if (TemplateRunOverride(type, options) is { } template)
        {
            return template;
        }

        IMethodSymbol? firstPublic = null;
        IMethodSymbol? firstRunLike = null;
        foreach (var method in OrdinaryMethods(type))
        {
            if (IsRollbackMember(method, options))
            {
                continue;
            }

            if (ImplementsStepContractMember(type, method, options))
            {
                return method;
            }

            if (firstRunLike is null && method.DeclaredAccessibility == Accessibility.Public && IsRunLikeMember(method, options))
            {
                firstRunLike = method;
            }

            if (firstPublic is null && method.DeclaredAccessibility == Accessibility.Public)
            {
                firstPublic = method;
            }
        }

        return firstRunLike ?? firstPublic;
    }

    /// <summary>The rollback members that <paramref name="type"/> itself declares (with a body).</summary>
    public static List<IMethodSymbol> DeclaredRollbackMembers(INamedTypeSymbol type, ChangeGateOptions options)
    {
        var members = new List<IMethodSymbol>();
        foreach (var method in OrdinaryMethods(type, includeStatic: true))
        {
            if (!method.IsAbstract && IsRollbackMember(method, options))
            {
                members.Add(method);
            }
        }

        return members;
    }

    /// <summary>
    /// True when <paramref name="type"/> gets a rollback member with a body from a base class or a default
    /// interface implementation. That body is checked where it is declared.
    /// </summary>
    public static bool InheritsRollbackMember(INamedTypeSymbol type, ChangeGateOptions options)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            foreach (var method in OrdinaryMethods(current))
            {
                if (!method.IsAbstract && method.DeclaredAccessibility != Accessibility.Private && IsRollbackMember(method, options))
                {
                    return true;
                }
            }
        }

        foreach (var implemented in type.AllInterfaces)
        {
            foreach (var method in OrdinaryMethods(implemented))
            {
                if (!method.IsAbstract && IsRollbackMember(method, options))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="method"/> is named as a rollback: it begins with a rollback word.</summary>
    public static bool IsRollbackMember(IMethodSymbol method, ChangeGateOptions options)
    {
        var name = SimpleName(method);
        foreach (var word in options.RollbackNames.Words)
        {
            if (name.StartsWith(word, StringComparison.OrdinalIgnoreCase) &&
                (name.Length == word.Length || IsWordStart(name[word.Length])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="method"/> is named as an apply member: an apply word, optionally followed by Async.</summary>
    public static bool IsApplyMember(IMethodSymbol method, ChangeGateOptions options)
    {
        var name = TrimAsync(SimpleName(method));
        return options.ApplyNames.ContainsExactly(name) || IsVersionedApplyName(name);
    }

    private static string TrimAsync(string name) =>
        name.EndsWith("Async", StringComparison.Ordinal) && name.Length > "Async".Length ? name.Substring(0, name.Length - "Async".Length) : name;

    // UpdateFrom3, UpgradeFrom2To3, MigrateToV5, From400To410: a member that applies the change of one version (Orchard's data
    // migrations run UpdateFromN in turn, grandnode's upgrade runs From400To410 …). An update verb (or none, then From first),
    // then only From/To and version numbers (V1810, 2_31_0), with at least one of each.
    private static bool IsVersionedApplyName(string name)
    {
        var words = IdentifierWords.Split(name);
        if (words.Length < 2)
        {
            return false;
        }

        var start = IdentifierWords.IsOneOf(words[0], VersionedApplyVerbs) ? 1 : 0;
        if (start == 0 && !string.Equals(words[0], "From", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        bool direction = false, version = false;
        for (var i = start; i < words.Length; i++)
        {
            var word = words[i];
            if (IdentifierWords.IsOneOf(word, VersionDirections))
            {
                direction = true;
            }
            else if (direction && (char.IsDigit(word[0]) || (word is "V" or "v" && i + 1 < words.Length && char.IsDigit(words[i + 1][0]))))
            {
                version |= char.IsDigit(word[0]);
            }
            else
            {
                return false;
            }
        }

        return direction && version;
    }

    private static bool IsNamedAsUtility(INamedTypeSymbol type)
    {
        var words = IdentifierWords.Split(type.Name);
        return words.Length > 0 && IdentifierWords.IsOneOf(words[words.Length - 1], UtilityNouns);
    }

    private static readonly string[] UtilityNouns = { "Util", "Utils", "Utility", "Utilities", "Helper", "Helpers", "Extension", "Extensions", "Tools" };

    private static readonly string[] VersionedApplyVerbs = { "Update", "Upgrade", "Migrate", "Up" };

    private static readonly string[] VersionDirections = { "From", "To" };

    /// <summary>The name a reader sees: for an explicit interface implementation, the interface member's name.</summary>
    public static string SimpleName(IMethodSymbol method) =>
        method.ExplicitInterfaceImplementations.Length > 0 ? method.ExplicitInterfaceImplementations[0].Name : method.Name;

    /// <summary>
    /// The versioned apply members <paramref name="type"/> declares with a body, in declaration order: every <c>UpdateFromN</c>
    /// of a versioned migration (the runner calls each in turn, so each must keep a way back).
    /// </summary>
    public static List<IMethodSymbol> DeclaredVersionedApplyMembers(INamedTypeSymbol type)
    {
        var members = new List<IMethodSymbol>();
        foreach (var method in OrdinaryMethods(type, includeStatic: true))
        {
            if (!method.IsAbstract && IsVersionedApplyName(TrimAsync(SimpleName(method))))
            {
                members.Add(method);
            }
        }

        return members;
    }

    // With entryPointsOnly, only an apply member a runner can call on a step: a private helper of an orchestrator
    // (ServerUpdater.Upgrade(server)) or another interface's contract (ICommand.Execute) does not make a step.
    private static IMethodSymbol? DeclaredApplyMember(INamedTypeSymbol type, ChangeGateOptions options, bool entryPointsOnly = false)
    {
        foreach (var method in OrdinaryMethods(type, includeStatic: true))
        {
            // BinaryPatchUtility.Apply(input, patch, output): a static member of a type named as a utility is a function, not a step.
            if (method.IsStatic && IsNamedAsUtility(type))
            {
                continue;
            }

            if (IsApplyMember(method, options) &&
                (!entryPointsOnly || (method.DeclaredAccessibility != Accessibility.Private && !ImplementsOtherContract(type, method, options))))
            {
                return method;
            }
        }

        return null;
    }

    private static bool ImplementsOtherContract(INamedTypeSymbol type, IMethodSymbol method, ChangeGateOptions options)
    {
        // A command-line command or a job (DeployPackageCommand : Command, override int Execute(string[] args)) is an entry
        // point that runs steps, not a step: its Execute is the command's contract, whatever its name says.
        if (IsCommandName(type.Name))
        {
            return true;
        }

        // A hosted service's ExecuteAsync (BackgroundService, a home-grown TimedHostedService) is the host's contract: the
        // service runs at start-up and calls the update, it is not a step of one. Read by the bases' names, so a base that
        // does not bind (a partial restore) counts too.
        if (method.IsOverride && DerivesFromHostedService(type))
        {
            return true;
        }

        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (overridden.ContainingType is { } declaring && IsCommandName(declaring.Name))
            {
                return true;
            }
        }

        foreach (var implemented in method.ExplicitInterfaceImplementations)
        {
            if (!IsStepContract(implemented.ContainingType, options))
            {
                return true;
            }
        }

        foreach (var contract in type.AllInterfaces)
        {
            if (IsStepContract(contract, options))
            {
                continue;
            }

            foreach (var member in contract.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static readonly string[] CommandNouns = { "Command", "Cmdlet", "Verb", "Handler" };

    private static bool DerivesFromHostedService(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null && current.SpecialType == SpecialType.None; current = current.BaseType)
        {
            if (current.Name.EndsWith("BackgroundService", StringComparison.Ordinal) || current.Name.EndsWith("HostedService", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // Command, DeployPackageCommand, InvokeUpgradeCmdlet, CmdletBase, UpgradeRequestHandler: named as a command or a handler
    // by its last word (before a trailing Base).
    private static bool IsCommandName(string name)
    {
        var words = IdentifierWords.Split(name);
        var count = words.Length > 1 && words[words.Length - 1] == "Base" ? words.Length - 1 : words.Length;
        if (count == 0)
        {
            return false;
        }

        var last = words[count - 1];
        foreach (var noun in CommandNouns)
        {
            if (string.Equals(last, noun, StringComparison.OrdinalIgnoreCase) || string.Equals(last, noun + "s", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsStepContract(INamedTypeSymbol contract, ChangeGateOptions options) =>
        options.StepInterfaces.ContainsExactly(contract.Name) || UpdateCodeClassifier.ImplementsStepInterface(contract, options);

    // A member of a configured step interface, or the run-like member of any interface, that this method implements.
    private static bool ImplementsStepInterfaceMember(INamedTypeSymbol type, IMethodSymbol method, ChangeGateOptions options)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            var configured = options.StepInterfaces.ContainsExactly(implemented.Name);
            foreach (var member in implemented.GetMembers())
            {
                if ((configured || (member is IMethodSymbol contract && IsRunLikeMember(contract, options))) &&
                    SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // With includeStatic, also the static methods: a class of static migration members (Migration2_29_0To2_31_0.Up(settings),
    // called by a runner in version order) declares its apply and rollback members as statics.
    private static IEnumerable<IMethodSymbol> OrdinaryMethods(INamedTypeSymbol type, bool includeStatic = false)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation } method && (includeStatic || !method.IsStatic))
            {
                yield return method;
            }
        }
    }

    private static bool IsWordStart(char c) => char.IsUpper(c) || char.IsDigit(c) || c == '_';
}

/// <summary>Where a step-framework name is written.</summary>
internal enum StepContractKind
{
    /// <summary>An interface the step implements (<c>ICatalogFixup</c>).</summary>
    Interface,

    /// <summary>An attribute on the step (<c>[Fixup(order: 31)]</c>).</summary>
    Attribute,

    /// <summary>A base class in source (<c>DataFixupBase</c>).</summary>
    BaseClass,

    /// <summary>An unresolved name in the base list: an interface or a class whose declaration the compilation cannot see.</summary>
    Unresolved,
}
