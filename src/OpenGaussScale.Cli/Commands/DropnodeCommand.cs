using System.CommandLine;
using System.Net;
using OpenGaussScale.Cli.Logging;
using OpenGaussScale.Cli.Rendering;
using OpenGaussScale.Cli.Runtime;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines;
using OpenGaussScale.Core.Engines.OpenGauss;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Operations;

namespace OpenGaussScale.Cli.Commands;

/// <summary>
/// `ogscale dropnode -U USER -G GROUP -h IP[,IP...] [-X XMLFILE] [--yes] [--restart-primary] [--dry-run] [--time-out SECS]
/// [--output text|json] [--engine ...]`: removes standby servers online, reachable or not, down to a single server
/// (gs_dropnode). On a cluster node it runs on the primary as the cluster user; elsewhere it is a control host.
/// </summary>
internal static class DropnodeCommand
{
    public static Command Create(CliServices services)
    {
        var options = new ClusterOptions(xmlRequired: false);
        var hosts = CommonOptions.Hosts("the backIp1 addresses of the standbys to drop, comma-separated (repeatable)");
        var timeout = CommonOptions.TimeOut("seconds any wait may last (a walsender going away, a cascade reconnecting, a restart)");
        var dryRun = new Option<bool>("--dry-run") { Description = "check everything and print the plan (every command, per host, in order); change nothing" };
        var yes = new Option<bool>("--yes") { Description = "answer yes to the confirmations (needed without a terminal)" };
        var restart = new Option<bool>("--restart-primary") { Description = "when only the primary is left, restart it (gs_dropnode's third question)" };
        var engine = CommonOptions.Engine();

        var command = new Command("dropnode", "remove standby servers from a running cluster, online, even unreachable ones (gs_dropnode)");
        options.AddTo(command);
        command.Options.Add(hosts);
        command.Options.Add(timeout);
        command.Options.Add(dryRun);
        command.Options.Add(yes);
        command.Options.Add(restart);
        command.Options.Add(engine);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var args = new DropArguments(
                parse.GetRequiredValue(hosts), parse.GetValue(timeout), parse.GetValue(dryRun), parse.GetValue(yes), parse.GetValue(restart), parse.GetRequiredValue(engine));
            return await RunAsync(parse, services, options, args, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private sealed record DropArguments(string[] Hosts, int TimeoutSeconds, bool DryRun, bool Yes, bool RestartPrimary, string Engine);

    private static async Task<int> RunAsync(ParseResult parse, CliServices services, ClusterOptions options, DropArguments args, CancellationToken cancellationToken)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        var json = parse.GetValue(options.Output) == OutputFormat.Json;
        var user = parse.GetRequiredValue(options.User);

        // A runbook must never hang at a prompt: without a terminal the answer has to be given up front.
        if (!args.Yes && !args.DryRun && services.ReadAnswer is null)
        {
            throw new OgscaleException(
                "dropnode asks for confirmation, but there is no terminal to answer on; nothing was changed",
                "pass --yes to confirm in a script (and --restart-primary to restart a primary that is left alone)",
                ExitCodes.Usage);
        }

        var xml = parse.GetValue(options.Xml);
        ClusterConfig? config = null;
        var notices = new List<string>();
        IReadOnlyList<string> targets = [];
        if (xml is not null)
        {
            config = await ConfigInput.LoadAsync(xml, stderr, showWarnings: false, cancellationToken).ConfigureAwait(false);
            ConfigInput.RefuseClusterManager(config, "dropnode");
            targets = Targets(config, args.Hosts, notices, services.Resume is not null);
        }
        else
        {
            RefuseWithoutXml(services, user, args.Engine);
        }

        var environmentFile = options.EnvironmentFile(parse, services);
        await using var session = CliSession.Open(services, stderr, options.Ssh(parse, services), parse.GetValue(options.Verbose), LogLocation.For("dropnode", services, config, user));
        if (config is null)
        {
            // No -X: this host must be the primary; the cluster is read from its own tools (gs_om), as the original reads its static config.
            var here = await session.Shells.OpenAsync(ThisHost(services), user, cancellationToken).ConfigureAwait(false);
            config = await LiveTopology.ReadAsync(here, user, environmentFile, cancellationToken).ConfigureAwait(false);
            if (session.Shells.ThisNode(config) is null)
            {
                throw new OgscaleException(
                    $"this host ({services.HostName}) is not a node of the cluster gs_om -t status shows; without -X ogscale runs on the primary",
                    "run it on the primary as the cluster user, or pass the cluster XML with -X",
                    ExitCodes.Usage);
            }

            targets = Targets(config, args.Hosts, notices, services.Resume is not null);
        }

        RefuseWho(session.Shells.ThisNode(config), config, services, user, targets);
        var resolved = await EngineChoice.ResolveAsync(args.Engine, config, session.Shells, user, environmentFile, cancellationToken).ConfigureAwait(false);
        if (resolved is not IDropEngine dropEngine)
        {
            throw new OgscaleException($"the {resolved.Name} engine cannot drop nodes", "use --engine opengauss or postgresql", ExitCodes.Usage);
        }

        if (xml is null && !dropEngine.ReadsLiveTopology)
        {
            throw new OgscaleException("the PostgreSQL engine needs the cluster XML (-X): a down standby is in no live view", "pass -X XMLFILE", ExitCodes.Usage);
        }

        session.Log.Information("dropnode: {Hosts} from {Cluster} ({Engine})", string.Join(",", targets), config.ClusterName, dropEngine.Name);
        var request = new DropnodeRequest
        {
            Config = config,
            LiveTopology = xml is null,
            Hosts = targets,
            User = user,
            Group = parse.GetRequiredValue(options.Group),
            Timeout = TimeSpan.FromSeconds(args.TimeoutSeconds),
            DryRun = args.DryRun,
            RestartPrimary = args.RestartPrimary,
            EnvironmentFile = environmentFile,
            StartedAt = services.Clock.GetUtcNow(),
            Resuming = services.Resume is not null,
        };
        IConfirmation confirmation = args.Yes || args.DryRun ? new AssumedConfirmation(session.Log) : new TerminalConfirmation(services.ReadAnswer!, stderr);
        var result = await new DropnodeOperation(dropEngine, session.Environment(new StepProgressLog(session.Log)), confirmation)
            .RunAsync(request, cancellationToken).ConfigureAwait(false);
        result = result with { Notices = [.. notices, .. result.Notices] };
        await RenderAsync(stdout, stderr, result, config, json, cancellationToken).ConfigureAwait(false);
        return result.ExitCode;
    }

    // The -h list: every address a backIp of the cluster (GAUSS-35802 otherwise), normalised, duplicates dropped, cluster order.
    private static IReadOnlyList<string> Targets(ClusterConfig config, IReadOnlyList<string> given, List<string> notices, bool resuming)
    {
        var unknown = given
            .Where(h => !IPAddress.TryParse(h, out var ip) || config.FindByBackIp(ip.ToString()) is null)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (unknown.Count > 0)
        {
            throw new OgscaleException(
                $"-h: the IP list of target node: [{string.Join(", ", unknown)}] is not in the current cluster (GAUSS-35802); nothing was changed",
                resuming && config.FilePath == LiveTopology.Source
                    ? "the interrupted run had already taken them out of the static config this run reads; resume with the cluster XML: `ogscale resume -X XMLFILE`"
                    : $"name standbys by their backIp1 addresses as {(config.FilePath == LiveTopology.Source ? "gs_om -t status --detail shows them" : $"in {config.FilePath}")}",
                ExitCodes.Usage);
        }

        return HostList.Resolve(config, given, notices);
    }

    private static void RefuseWithoutXml(CliServices services, string user, string engine)
    {
        if (engine == "postgresql")
        {
            throw new OgscaleException("the PostgreSQL engine needs the cluster XML (-X): a down standby is in no live view", "pass -X XMLFILE", ExitCodes.Usage);
        }

        if (services.IsRoot)
        {
            throw new OgscaleException(
                "cannot run this script as a user with the root permission (GAUSS-50105)",
                $"run it on the primary as the cluster user ({user}), or from a control host with -X (ogscale connects as {user} over SSH)",
                ExitCodes.PreconditionFailed);
        }

        if (!string.Equals(services.UserName, user, StringComparison.Ordinal))
        {
            throw new OgscaleException(
                $"without -X dropnode runs on the primary as the cluster user {user}, not as {services.UserName} (GAUSS-50324)",
                $"run it as {user} (su - {user}), or pass the cluster XML with -X",
                ExitCodes.PreconditionFailed);
        }
    }

    // On a cluster node: only the primary, as the cluster user, never root (the original's rules); a control host connects as USER.
    private static void RefuseWho(NodeConfig? here, ClusterConfig config, CliServices services, string user, IReadOnlyList<string> targets)
    {
        if (here is not null)
        {
            if (services.IsRoot)
            {
                throw new OgscaleException(
                    "cannot run this script as a user with the root permission (GAUSS-50105)",
                    $"on a cluster node run dropnode as the cluster user: su - {user}; ogscale needs no root for it",
                    ExitCodes.PreconditionFailed);
            }

            if (!string.Equals(services.UserName, user, StringComparison.Ordinal))
            {
                throw new OgscaleException(
                    $"on a cluster node dropnode runs as the cluster user {user}, not as {services.UserName} (GAUSS-50324)",
                    $"run it as {user} (su - {user})",
                    ExitCodes.PreconditionFailed);
            }

            if (here.Role != NodeRole.Primary)
            {
                throw new OgscaleException(
                    $"the dropnode operation can only be executed at the primary node; {here.Name} is not the primary (GAUSS-35804)",
                    $"run it on the primary {config.Primary.Name} ({config.Primary.BackIp}), or from a control host outside the cluster",
                    ExitCodes.PreconditionFailed);
            }

            if (targets.Contains(here.BackIp, StringComparer.OrdinalIgnoreCase))
            {
                throw new OgscaleException(
                    $"the IP of local host {here.BackIp} is in the target node list; can not drop local host (GAUSS-35803)",
                    "drop standbys only; the primary stays",
                    ExitCodes.PreconditionFailed);
            }
        }

        if (targets.Contains(config.Primary.BackIp, StringComparer.OrdinalIgnoreCase))
        {
            throw new OgscaleException(
                $"{config.Primary.BackIp} is the primary {config.Primary.Name}; it cannot be dropped (GAUSS-35803)",
                "drop standbys only; switch the primary over first if this host must go",
                ExitCodes.PreconditionFailed);
        }
    }

    // This host as a node: its name routes to the local shell (the address is never dialled).
    internal static NodeConfig ThisHost(CliServices services) => new()
    {
        Name = services.HostName,
        Index = 0,
        BackIp = "127.0.0.1",
        SshIp = "127.0.0.1",
        SshPort = 22,
        AzName = "",
        AzPriority = 1,
        Role = NodeRole.Primary,
        DataDir = "/",
        Port = 0,
        Line = 0,
        Params = [],
    };

    private static async Task RenderAsync(TextWriter stdout, TextWriter stderr, DropnodeResult result, ClusterConfig config, bool json, CancellationToken cancellationToken)
    {
        foreach (var notice in result.Notices)
        {
            await stderr.WriteLineAsync($"notice: {notice}").ConfigureAwait(false);
        }

        var dryRunPlan = result.Plan is not null && result.Execution is null && result.ExitCode == ExitCodes.Success;
        if (json)
        {
            await stdout.WriteLineAsync(JsonText.Serialize(dryRunPlan ? PlanView.ToJson(result.Plan!) : DropnodeView.ToJson(result))).ConfigureAwait(false);
        }
        else
        {
            if (result.Preflight is { } preflight && (!preflight.Passed || dryRunPlan))
            {
                await stdout.WriteAsync(PreflightView.ToText(preflight)).ConfigureAwait(false);
            }

            if (dryRunPlan)
            {
                await stdout.WriteAsync(("\n" + PlanView.ToText(result.Plan!)).AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            await stdout.WriteAsync(DropnodeView.ToText(result, config).AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        await OutcomeLines.WriteAsync(stderr, result).ConfigureAwait(false);
    }
}
