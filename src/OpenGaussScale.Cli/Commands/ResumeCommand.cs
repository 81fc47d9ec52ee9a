using OpenGaussScale.Cli.Runtime;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Operations;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;
using System.CommandLine;
using System.Text.Json;

namespace OpenGaussScale.Cli.Commands;

/// <summary>
/// `ogscale resume [--journal FILE] [--yes]`: continues an interrupted expand or dropnode. The journal's first line is
/// the request; it runs again, as the same command with `--yes`, in the same run (same id, same journal, its lock taken
/// over only when that run's owner is gone). Every check runs again; steps the journal marks done are re-checked and
/// not redone; a data directory the run itself had filled on a new host is emptied and filled again.
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

            string[] again = [.. Arguments(journal, parse.GetValue(xml)?.FullName), .. options.AccessArguments(parse)];
            await stderr.WriteLineAsync($"resume: ogscale {string.Join(' ', again.Select(ShellQuote.Quote))}").ConfigureAwait(false);
            return await CliApp.RunAsync(again, parse.InvocationConfiguration, services with { Resume = ResumeInfo.From(journal) }, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The interrupted command, rebuilt from the journal's run record (which holds no secrets).</summary>
    /// <param name="xmlOverride">-X given to resume: used instead of the XML (or live topology) the run had.</param>
    internal static IEnumerable<string> Arguments(JournalFile journal, string? xmlOverride = null)
    {
        var run = journal.Run;
        string Text(string name) => InterruptedRun.Text(run, name);
        yield return journal.Operation;
        yield return "-U";
        yield return Text("user");
        yield return "-G";
        yield return Text("group");
        var xml = xmlOverride ?? (journal.Operation == "expand" ? Text("xml") : Text("topology"));
        if (xml.StartsWith('/'))
        {
            yield return "-X";
            yield return xml;
        }

        yield return "-h";
        yield return string.Join(',', run.GetProperty("hosts").EnumerateArray().Select(h => h.GetString()));
        if (Flag(run, "localMode"))
        {
            yield return "-L";
        }

        if (run.TryGetProperty("packageDirectory", out var package) && package.ValueKind == JsonValueKind.String)
        {
            yield return "--package";
            yield return package.GetString()!;
        }

        if (Flag(run, "restartPrimary"))
        {
            yield return "--restart-primary";
        }

        if (journal.Operation == "expand")
        {
            yield return "--parallel";
            yield return Text("parallelism");
        }

        if (run.TryGetProperty("hbaMethod", out var method) && method.ValueKind == JsonValueKind.String)
        {
            yield return "--hba-method";
            yield return method.GetString()!;
        }

        yield return "--time-out";
        yield return Text("timeoutSeconds");
        yield return "--engine";
        yield return Text("engine");
        if (Text("environmentFile") is var environmentFile && environmentFile != EnvironmentFileChoice.UserBashrc)
        {
            yield return "--env-file";
            yield return environmentFile;
        }

        yield return "--yes";
    }

    private static bool Flag(JsonElement run, string name) => run.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
