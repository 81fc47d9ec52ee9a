namespace OpenGaussScale.Core.State;

/// <summary>The kinds of <see cref="ChangeRecord"/>; each engine's reverter knows how to undo each.</summary>
public static class ChangeKinds
{
    /// <summary>A setting: Name, OldValue (null = was unset), NewValue.</summary>
    public const string Setting = "setting";

    /// <summary>A pg_hba rule: NewValue = the rule added (or OldValue = the rule removed), Path = the file, BackupPath.</summary>
    public const string Hba = "hba";

    /// <summary>A replication slot: Name; NewValue "created" or OldValue "dropped".</summary>
    public const string Slot = "slot";

    /// <summary>A directory on a new host that ogscale may have created (Path); rollback removes it if ogscale made it.</summary>
    public const string Directory = "directory";

    /// <summary>A file replaced (Path) with its backup (BackupPath).</summary>
    public const string File = "file";

    /// <summary>A database started (Path = data directory) or stopped (OldValue "running").</summary>
    public const string Process = "process";

    /// <summary>A configuration file edited in place (Path) after a copy was taken (BackupPath); undo copies the backup back and reloads.</summary>
    public const string ConfigFile = "config-file";

    /// <summary>A data directory filled by a base backup or a build (Path).</summary>
    public const string DataCopy = "data-copy";

    /// <summary>
    /// A database role on the primary (Host), Name: NewValue "created" or "password-set" (an existing role given a new
    /// password), or OldValue "dropped". Never the password or its verifier.
    /// </summary>
    public const string Role = "role";

    /// <summary>
    /// The cluster user's .pgpass line for a role (Name) on a node (Host), written (NewValue "written"; OldValue
    /// "present" when a line for the role was there before). Never the password.
    /// </summary>
    public const string PassFile = "pgpass";
}
