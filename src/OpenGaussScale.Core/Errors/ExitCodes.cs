namespace OpenGaussScale.Core.Errors;

/// <summary>
/// The process exit codes, one table for every verb (mirrored in docs/exit-codes.md).
/// Scripts and runbooks branch on these, so a number never changes meaning.
/// </summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Success = 0;

    /// <summary>An unexpected error (a bug or an unforeseen environment); the log has the details.</summary>
    public const int Unexpected = 1;

    /// <summary>Usage or invalid input (bad XML, bad option, a confirmation needed but no terminal and no --yes); nothing changed.</summary>
    public const int Usage = 2;

    /// <summary>A precondition failed or the cluster lock is held; nothing changed.</summary>
    public const int PreconditionFailed = 3;

    /// <summary>Failed after changes that are still there; the journal path is printed and resume/rollback are offered.</summary>
    public const int FailedWithChanges = 4;

    /// <summary>Partly done: some hosts done, the failed ones' traces removed from the existing nodes.</summary>
    public const int PartlyDone = 5;

    /// <summary>Failed, and every change was undone automatically.</summary>
    public const int FailedAndUndone = 6;

    /// <summary>Declined at a prompt; nothing changed.</summary>
    public const int Declined = 7;

    /// <summary>Cancelled (SIGINT/SIGTERM); the journal is written and the lock released.</summary>
    public const int Cancelled = 130;
}
