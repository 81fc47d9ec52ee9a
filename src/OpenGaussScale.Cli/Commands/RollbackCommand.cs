using OpenGaussScale.Cli.Rendering;
using OpenGaussScale.Cli.Runtime;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines.OpenGauss;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Operations;
using OpenGaussScale.Core.State;
using System.CommandLine;
using System.Text;

namespace OpenGaussScale.Cli.Commands;

/// <summary>
/// `ogscale rollback [--journal FILE] [--yes] [-X XMLFILE]`: undoes an interrupted expand or dropnode, newest change
/// first, from its journal: the existing nodes get every setting, pg_hba rule, file and slot back as they were, and
/// what ogscale made on new hosts (data directories, processes) goes. A change undone once is never undone twice,
/// so a rollback that could not finish runs again.
/// </summary>
internal static class RollbackCommand
{
    public static Command Create(CliServices services)
    {
        var options = new JournalRunOptions();
        var xml = CommonOptions.Xml(required: false);
        xml.Description = "the cluster XML, when the journal names none or it moved (default: the run's own -X file)";
        var command = new Command("rollback", "undo an interrupted expand or dropnode from its journal, newest change first");
        options.AddTo(command);
        command.Options.Add(xml);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, services, options, parse.GetValue(xml), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliServices services, JournalRunOptions options, FileInfo? xml, CancellationToken cancellationToken)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        var journal = InterruptedRun.Find(parse.GetValue(options.Journal), services);
        await stderr.WriteLineAsync($"rollback: {InterruptedRun.Describe(journal)}").ConfigureAwait(false);
        if (journal.RolledBack)
        {
            await stderr.WriteLineAsync($"notice: run {journal.RunId} was rolled back already; there is nothing left to undo").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        RollbackChecks.RefuseFinished(journal);

        await stdout.WriteAsync(ToUndo(journal).AsMemory(), cancellationToken).ConfigureAwait(false);
        if (!await InterruptedRun.ConfirmAsync(services, stderr, parse.GetValue(options.Yes), "roll back").ConfigureAwait(false))
        {
            return ExitCodes.Declined;
        }

        var run = journal.Run;
        var verb = VerbRun.From(parse, services, options.Access, json: false);
        await using var session = verb.OpenLogged("rollback", config: null, user: null);
        var config = await ClusterAsync(journal, xml, session, stderr, cancellationToken).ConfigureAwait(false);
        RollbackChecks.RefuseOutOfScope(journal, config);
        var engine = await EngineChoice.ResolveAsync(run.Engine, config, session.Shells, run.User, run.EnvironmentFile, cancellationToken).ConfigureAwait(false);

        var request = new RollbackRequest
        {
            Journal = journal,
            Config = config,
            User = run.User,
            Group = run.Group,
            EnvironmentFile = run.EnvironmentFile,
            PrimaryJournal = run.PrimaryJournal,
            Timeout = TimeSpan.FromSeconds(run.TimeoutSeconds),
        };
        var result = await new RollbackOperation(engine, session.Environment(null)).RunAsync(request, cancellationToken).ConfigureAwait(false);
        await stdout.WriteAsync(ToText(result).AsMemory(), cancellationToken).ConfigureAwait(false);
        await OutcomeLines.WriteAsync(stderr, result).ConfigureAwait(false);

        return result.ExitCode;
    }

    // The run's own -X file (or -X given here); a dropnode that read the live cluster reads it again, on the primary.
    private static async Task<ClusterConfig> ClusterAsync(JournalFile journal, FileInfo? xml, CliSession session, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (xml is not null || journal.Run.XmlFile is not null)
        {
            return await ConfigInput.LoadAsync(xml ?? new FileInfo(journal.Run.XmlFile!), stderr, showWarnings: false, cancellationToken).ConfigureAwait(false);
        }

        var here = await session.Shells.OpenThisHostAsync(journal.Run.User, cancellationToken).ConfigureAwait(false);
        return await LiveTopology.ReadAsync(here, journal.Run.User, journal.Run.EnvironmentFile, cancellationToken).ConfigureAwait(false);
    }

    // A run killed before its first change still holds the lock: rollback then only closes its journal and frees the lock.
    private static string ToUndo(JournalFile journal) => journal.Changes.Count == 0
        ? "nothing to undo: the run made no change; its lock is released\n"
        : new StringBuilder().AppendList("to undo (newest first):", journal.Changes.Reverse().Select(c => $"{c.Step}: {ChangeText.Describe(c.Change)}")).ToString().TrimStart('\n');

    private static string ToText(RollbackResult result) =>
        new StringBuilder("\n").AppendUndo(result.Restored, result.NotRestored)
            .Append(result.ExitCode == ExitCodes.Success ? "\nrolled back: the cluster is as it was before the run\n" : "")
            .ToString();
}
