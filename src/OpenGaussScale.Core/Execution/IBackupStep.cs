namespace OpenGaussScale.Core.Execution;

/// <summary>A step that keeps a copy of something before a change; the result names it ("The backup file of HOST is PATH").</summary>
public interface IBackupStep
{
    /// <summary>Where the copy is, on the step's node.</summary>
    string BackupPath { get; }
}
