using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Operations;

/// <summary>A journaled change in words, for the list of what an undo restored.</summary>
public static class ChangeText
{
    public static string Describe(ChangeRecord change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Kind switch
        {
            ChangeKinds.Setting => $"{change.Host}: {change.Name} = '{change.OldValue ?? ""}' again",
            ChangeKinds.Hba when change.OldValue is not null => $"{change.Host}: pg_hba rule `{change.OldValue}` back",
            ChangeKinds.Hba => $"{change.Host}: pg_hba rule `{change.NewValue}` removed again",
            ChangeKinds.ConfigFile => $"{change.Host}: {change.Path} restored from {change.BackupPath}",
            ChangeKinds.Slot when change.OldValue == "dropped" => $"{change.Host}: replication slot {change.Name} recreated",
            ChangeKinds.Slot => $"{change.Host}: replication slot {change.Name} dropped again",
            ChangeKinds.Process when change.OldValue == "running" => $"{change.Host}: database in {change.Path} started again",
            ChangeKinds.Process => $"{change.Host}: database in {change.Path} stopped again",
            ChangeKinds.File => $"{change.Host}: {change.Path} restored from {change.BackupPath}",
            ChangeKinds.DataCopy => $"{change.Host}: {change.Path} emptied (ogscale filled it)",
            ChangeKinds.Directory => $"{change.Host}: {change.Path} removed (ogscale created it)",
            ChangeKinds.Role when change.OldValue == "dropped" => $"{change.Host}: replication role {change.Name} created again, with a new password",
            ChangeKinds.Role when change.NewValue == "password-set" => $"{change.Host}: replication role {change.Name} keeps its new password (its standby's .pgpass has it)",
            ChangeKinds.Role => $"{change.Host}: replication role {change.Name} dropped again",
            ChangeKinds.PassFile when change.OldValue is not null => $"{change.Host}: the .pgpass line of {change.Name} keeps its new password",
            ChangeKinds.PassFile => $"{change.Host}: the .pgpass line of {change.Name} removed again",
            _ => $"{change.Host}: {change.Kind} {change.Name ?? change.Path}",
        };
    }
}
