using OpenGaussScale.Cli.Runtime;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Operations;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;
using System.CommandLine;

namespace OpenGaussScale.Cli.Commands;

/// <summary>
/// `ogscale resume [--journal FILE] [--yes]`: continues an interrupted expand or dropnode. The journal's first line is
/// the request; it runs again, as the same command confirmed (`--yes`), in the same run (same id, same journal, its
/// lock taken over only when that run's owner is gone). Every check runs again, and first the recorded values
/// themselves are checked as the command line would; steps the journal marks done are re-checked and not redone; a
/// data directory the run itself had filled on a new host is emptied and filled again.
/// </summary>
internal static class ResumeCommand
{
    public static Command Create(CliServices services)
    {
        var options = new JournalRunOptions();
        var xml = CommonOptions.Xml(required: false);
        xml.Description = "the cluster XML to use instead of the one the journal names (a dropnode on the live openGauss topology that had already rewritten the static config needs it)";
        var command = new Command("resume", "continue an interrupted expand or dropnode from its journal");
        options.AddTo(command);
        command.Options.Add(xml);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            var journal = InterruptedRun.Find(parse.GetValue(options.Journal), services);
            await stderr.WriteLineAsync($"resume: {InterruptedRun.Describe(journal)}").ConfigureAwait(false);
            if (!journal.NeedsAttention)
            {
                await stderr.WriteLineAsync($"notice: run {journal.RunId} {(journal.RolledBack ? "was rolled back" : "finished")}; there is nothing to resume").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (!await InterruptedRun.ConfirmAsync(services, stderr, parse.GetValue(options.Yes), "resume").ConfigureAwait(false))
            {
                return ExitCodes.Declined;
            }

            var verb = VerbRun.From(parse, services, options.Access, json: false) with { Services = services with { Resume = ResumeInfo.From(journal) } };
            var run = journal.Run;
            var xmlOverride = parse.GetValue(xml)?.FullName;
            if (run.Operation == RunRecord.Expand)
            {
                var expand = ExpandInvocation.Resuming(run, xmlOverride);
                await ShowAsync(stderr, expand.CommandLine(), options, parse).ConfigureAwait(false);
                Refuse(journal, expand.Xml);
                return await ExpandCommand.RunAsync(verb, expand, cancellationToken).ConfigureAwait(false);
            }

            var dropnode = DropnodeInvocation.Resuming(run, xmlOverride);
            await ShowAsync(stderr, dropnode.CommandLine(), options, parse).ConfigureAwait(false);
            Refuse(journal, dropnode.Xml);
            return await DropnodeCommand.RunAsync(verb, dropnode, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    // The command being continued, as the user would type it, so the log and the terminal say what runs.
    private static Task ShowAsync(TextWriter stderr, IEnumerable<string> command, JournalRunOptions options, ParseResult parse) =>
        stderr.WriteLineAsync($"resume: ogscale {string.Join(' ', command.Append("--yes").Concat(options.Access.Arguments(parse)).Select(ShellQuote.Quote))}");

    // A value the command line would refuse goes no further from a journal either.
    private static void Refuse(JournalFile journal, string? xml)
    {
        var problems = RunRecordChecks.Problems(journal.Run, xml).ToList();
        if (problems.Count > 0)
        {
            throw new OgscaleException(
                $"the run record of {journal.Path} holds values ogscale {journal.Operation} refuses: {string.Join("; ", problems)}; nothing was changed",
                problems.Any(p => p.StartsWith("-X", StringComparison.Ordinal))
                    ? "give the cluster XML the run used: `ogscale resume -X XMLFILE`"
                    : "resume only a journal ogscale wrote, or run the command again by hand",
                ExitCodes.Usage);
        }
    }
}
