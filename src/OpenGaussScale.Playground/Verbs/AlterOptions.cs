namespace OpenGaussScale.Playground.Verbs;

/// <summary>How `playground alter` makes one host differ.</summary>
public sealed record AlterOptions(bool RemoveUser, bool RemoveGroup, string? PrimaryGroup, string? OsVersion)
{
    public bool Any => RemoveUser || RemoveGroup || PrimaryGroup is not null || OsVersion is not null;
}
