namespace ChangeGate.Core.Evidence.Records;

/// <summary>What checking an evidence record's signature found.</summary>
public enum SignatureStatus
{
    /// <summary>The record has no signature.</summary>
    Missing,

    /// <summary>The record has a signature, but no key was given to check it.</summary>
    NotChecked,

    /// <summary>The signature does not match the record (edited by hand, another key, or damaged).</summary>
    Invalid,

    /// <summary>The signature matches the record under the given key.</summary>
    Valid,
}
