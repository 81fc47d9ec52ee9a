using OpenGaussScale.Cli.Rendering;
using OpenGaussScale.Cli.Runtime;
using OpenGaussScale.Core.Engines;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Preflight;
using System.CommandLine;

namespace OpenGaussScale.Cli.Commands;

/// <summary>
/// `ogscale status -U USER -X XMLFILE [--output text|json]`: every node's role, state, upstream, replication state and
/// lag from the live cluster; exit 0 when every member is Normal, 3 otherwise. A node whose host key changed or is
/// revoked shows as such (STATE "host key changed"), with the refusal and the fix on stderr; on the primary or a
/// member that is an error and makes it exit 3.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CliServices services)
    {
        var options = new ClusterOptions();
        var engine = CommonOptions.Engine();
        var command = new Command("status", "show every node's role, state, upstream, replication state and lag, from the live cluster");
        options.AddTo(command, withGroup: false);
        command.Options.Add(engine);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, services, options, parse.GetRequiredValue(engine), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliServices services, ClusterOptions options, string engineName, CancellationToken cancellationToken)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        var config = await ConfigInput.LoadAsync(parse.GetRequiredValue(options.Xml), stderr, showWarnings: false, cancellationToken).ConfigureAwait(false);
        var user = parse.GetRequiredValue(options.User);
        var environmentFile = options.EnvironmentFile(parse, services);
        await using var session = VerbRun.From(parse, services, options.Access, json: false).OpenUnlogged();
        var engine = await EngineChoice.ResolveAsync(engineName, config, session.Shells, user, environmentFile, cancellationToken).ConfigureAwait(false);
        var context = new EngineContext
        {
            Config = config,
            Shells = session.Shells,
            User = user,
            Group = "",
            EnvironmentFile = environmentFile,
            Clock = services.Clock,
            Log = session.Log,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var state = await engine.ProbeAsync(context, new HashSet<string>(), cancellationToken).ConfigureAwait(false);
        if (parse.GetValue(options.Output) == OutputFormat.Json)
        {
            await stdout.WriteLineAsync(JsonText.Serialize(StatusView.ToJson(state, config.ClusterName, engine.Name))).ConfigureAwait(false);
        }
        else
        {
            await stdout.WriteAsync(StatusView.ToText(state, config.ClusterName, engine.Name)).ConfigureAwait(false);
        }

        // A changed or revoked host key is reported as what it is, never as a node that is merely down: status stays
        // read-only and shows the rest of the cluster. On the primary or a member it is an error (exit 3); on an XML node
        // outside the cluster, a warning.
        var distrusted = HostKeyGate.Concerned(state, []).ToList();
        foreach (var node in state.DistrustedHostKeys)
        {
            var level = distrusted.Contains(node) ? "error" : "warning";
            await stderr.WriteLineAsync($"{level}: {node.Node.Name} ({node.Node.BackIp}): {node.HostKeyRefusal!.Message}").ConfigureAwait(false);
            if (node.HostKeyRefusal.Hint is { } hint)
            {
                await stderr.WriteLineAsync($"hint: {hint}").ConfigureAwait(false);
            }
        }

        var unhealthy = state.Members.Where(n => !n.IsNormal && n.HostKeyRefusal is null).ToList();
        foreach (var node in unhealthy)
        {
            await stderr.WriteLineAsync($"warning: {node.Node.Name} ({node.Node.BackIp}) is {node.Role?.Text()} {node.State}{(node.ReachError is null ? "" : $": {node.ReachError}")}").ConfigureAwait(false);
        }

        return unhealthy.Count == 0 && distrusted.Count == 0 ? ExitCodes.Success : ExitCodes.PreconditionFailed;
    }
}
