using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Operations;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Cli.Runtime;

/// <summary>
/// The journal `resume` and `rollback` work from: --journal FILE, else the newest journal that needs attention (killed,
/// interrupted or failed, and not rolled back) in the places a run leaves one on this machine: the control host's copy
/// (~/.ogscale/journal) and the primary's (under $PGHOST, or ~/.ogscale, of the cluster user running here).
/// Only a journal the running user owns, in directories nobody else can write (<see cref="SafePath"/>), counts:
/// resume and rollback act on what a journal says (as root: `rm -rf` of the directories it lists), so a journal
/// another user could have written is never read.
/// </summary>
internal static class InterruptedRun
{
    public static JournalFile Find(FileInfo? given, CliServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (given is not null)
        {
            if (LocalSafePath.Refusals(SafePathKind.File, [given.FullName]).TryGetValue(0, out var reason))
            {
                throw new OgscaleException(
                    $"the journal {reason}; resume and rollback act on what a journal says, so they read only one that {Environment.UserName} owns and nobody else can write; nothing was changed",
                    $"use the copy the run left for {Environment.UserName} (~/.ogscale/journal/ on the machine that ran it), or run this as the journal's owner",
                    ExitCodes.PreconditionFailed);
            }

            return Read(given.FullName);
        }

        return NewestFirst(services).FirstOrDefault(j => j.NeedsAttention) ?? throw new OgscaleException(
            $"no interrupted expand or dropnode journal in {string.Join(" or ", Places(services))}",
            "pass the journal with --journal FILE (a failed run prints its path; on the primary it is under ogscale-journal/)",
            ExitCodes.PreconditionFailed);
    }

    /// <summary>
    /// The readable journals in the places a run leaves one on this machine, newest first, checked and read as they are
    /// enumerated: a caller that stops at the first match (resume) or never looks (an expand onto empty hosts) does
    /// not pay for years of journals.
    /// </summary>
    public static IEnumerable<JournalFile> NewestFirst(CliServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return Checked(Places(services)
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.jsonl"))
            .Select(f => new FileInfo(f))
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .Select(f => f.FullName))
            .Select(TryRead)
            .OfType<JournalFile>();
    }

    // One check process per batch of files: one each would cost a fork per journal, one for all a wait for all.
    private static IEnumerable<string> Checked(IEnumerable<string> files)
    {
        foreach (var batch in files.Chunk(32))
        {
            var unsafeFiles = LocalSafePath.Refusals(SafePathKind.File, batch);
            for (var i = 0; i < batch.Length; i++)
            {
                if (!unsafeFiles.ContainsKey(i))
                {
                    yield return batch[i];
                }
            }
        }
    }

    /// <summary>"expand run expand-2026... by root on host (pid 4242), 7 of 12 steps done, 9 changes in place".</summary>
    public static string Describe(JournalFile journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var done = journal.DoneSteps.Count;
        var run = journal.Run;
        var ended = journal.FinishedWith is { } code ? $"ended with exit {code}" : "never finished (killed or interrupted)";
        return $"{run.Operation} of {string.Join(",", run.Hosts)}, run {journal.RunId} by {run.RunningUser} on {run.ControlHost} " +
            $"(pid {run.Pid}): {ended}; {done} of {journal.Steps.Count} started steps done; {journal.Changes.Count} changes in place\njournal: {journal.Path}";
    }

    /// <summary>--yes, or a "yes" on a terminal; without a terminal and without --yes the command refuses before any change.</summary>
    public static async Task<bool> ConfirmAsync(CliServices services, TextWriter stderr, bool yes, string verb)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(stderr);
        if (yes)
        {
            return true;
        }

        if (services.ReadAnswer is null)
        {
            throw new OgscaleException(
                $"{verb} asks for confirmation, but there is no terminal to answer on; nothing was changed",
                "pass --yes to confirm in a script",
                ExitCodes.Usage);
        }

        var (answer, _) = DropPrompts.Ask($"Do you want to {verb} this run (yes/no)? ", services.ReadAnswer, stderr.Write);
        if (!answer)
        {
            await stderr.WriteLineAsync($"error: {verb} declined; nothing was changed").ConfigureAwait(false);
        }

        return answer;
    }

    private static IEnumerable<string> Places(CliServices services)
    {
        yield return Path.Combine(services.StateDirectory, "journal");
        yield return Path.Combine(services.StateDirectory, "ogscale-journal");
        if (services.Environment("PGHOST") is { Length: > 0 } pgHost)
        {
            yield return Path.Combine(pgHost, "ogscale-journal");
        }
    }

    private static JournalFile Read(string path)
    {
        try
        {
            return JournalFile.Read(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new OgscaleException($"cannot read the journal {path}: {ex.Message}", "pass the .jsonl file a failed run printed", ExitCodes.Usage);
        }
    }

    private static JournalFile? TryRead(string path)
    {
        try
        {
            return JournalFile.Read(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }
}
