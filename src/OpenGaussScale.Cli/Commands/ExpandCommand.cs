using System.CommandLine;
using OpenGaussScale.Cli.Logging;
using OpenGaussScale.Cli.Rendering;
using OpenGaussScale.Cli.Runtime;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Operations;

namespace OpenGaussScale.Cli.Commands;

/// <summary>
/// `ogscale expand -U USER -G GROUP -X XMLFILE -h IP[,IP...] [-L] [--package DIR] [--time-out SECS] [--dry-run] [--yes]
/// [--parallel N] [--output text|json] [--engine ...] [--hba-method trust|sha256]`: adds standby and cascade standby servers online (gs_expansion).
/// </summary>
internal static class ExpandCommand
{
    public static Command Create(CliServices services)
    {
        var options = new ClusterOptions();
        var hosts = CommonOptions.Hosts("the new hosts' backIp1 addresses, comma-separated (repeatable)");
        var local = new Option<bool>("-L") { Description = "local mode: the new hosts already run a single-node database installed the same way; only build the replication relation" };
        var package = new Option<DirectoryInfo?>("--package") { Description = "the directory of the openGauss release (Server and OM tarballs, sha256); default: the current directory when it holds them", HelpName = "DIR" };
        var timeout = CommonOptions.TimeOut("seconds any wait on a remote step may last (a transfer, a build's catch-up)");
        var dryRun = new Option<bool>("--dry-run") { Description = "check everything and print the plan (every command, per host, in order); change nothing" };
        var yes = new Option<bool>("--yes") { Description = "do not ask for confirmation on a terminal" };
        var parallel = new Option<int?>("--parallel")
        {
            Description = "how many steps may run at once (default: all new hosts)",
            HelpName = "N",
            CustomParser = r => CommonOptions.ParseWholeNumber(r, null) switch
            {
                null when r.Tokens.Count > 0 => CommonOptions.Refuse(r, $"--parallel must be a whole number of at least 1, not '{r.Tokens[^1].Value}'"),
                < 1 => CommonOptions.Refuse(r, "--parallel must be at least 1"),
                > int.MaxValue => int.MaxValue,
                var steps => (int?)steps,
            },
        };
        var engine = CommonOptions.Engine();
        var hbaMethod = CommonOptions.OneOf(
            new Option<string>("--hba-method")
            {
                Description = "openGauss: the method of the pg_hba rules between the nodes, trust (what gs_expansion writes, the default) or sha256 (no password-less remote login as the cluster user; replication is unaffected)",
                HelpName = "trust|sha256",
            },
            Core.Engines.OpenGauss.HbaEntry.Methods);

        var command = new Command("expand", "add standby and cascade standby servers to a running cluster, online (gs_expansion)");
        options.AddTo(command);
        command.Options.Add(hosts);
        command.Options.Add(local);
        command.Options.Add(package);
        command.Options.Add(timeout);
        command.Options.Add(dryRun);
        command.Options.Add(yes);
        command.Options.Add(parallel);
        command.Options.Add(engine);
        command.Options.Add(hbaMethod);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new ExpandArguments(
                parse.GetRequiredValue(hosts), parse.GetValue(local), parse.GetValue(package)?.FullName, parse.GetValue(timeout),
                parse.GetValue(dryRun), parse.GetValue(yes), parse.GetValue(parallel), parse.GetRequiredValue(engine), parse.GetValue(hbaMethod));
            return await RunAsync(parse, services, options, request, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private sealed record ExpandArguments(string[] Hosts, bool Local, string? Package, int TimeoutSeconds, bool DryRun, bool Yes, int? Parallel, string Engine, string? HbaMethod);

    private static async Task<int> RunAsync(ParseResult parse, CliServices services, ClusterOptions options, ExpandArguments args, CancellationToken cancellationToken)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        var json = parse.GetValue(options.Output) == OutputFormat.Json;
        var config = await ConfigInput.LoadAsync(parse.GetRequiredValue(options.Xml), stderr, showWarnings: false, cancellationToken).ConfigureAwait(false);
        ConfigInput.RefuseClusterManager(config, "expand");
        var notices = new List<string>();
        var hosts = HostList.Resolve(config, args.Hosts, notices);

        // Said at once: a run that fails later (an unreachable host) must not swallow what was done to the -h list.
        foreach (var notice in notices)
        {
            await stderr.WriteLineAsync($"notice: {notice}").ConfigureAwait(false);
        }

        var user = parse.GetRequiredValue(options.User);
        var environmentFile = options.EnvironmentFile(parse, services);
        var logFile = LogLocation.For("expand", services, config, user);

        // On a terminal (text output, not --verbose) a live per-host display; otherwise plain progress lines.
        var live = services.Terminal is { } terminal && !json && !parse.GetValue(options.Verbose) && !args.DryRun ? new LiveProgress(terminal) : null;
        await using var session = CliSession.Open(services, stderr, options.Ssh(parse, services), parse.GetValue(options.Verbose), logFile, quiet: live is not null);
        RefuseOnAStandby(session, config);
        var engine = await EngineChoice.ResolveAsync(args.Engine, config, session.Shells, user, environmentFile, cancellationToken).ConfigureAwait(false);
        session.Log.Information("expand: {Hosts} into {Cluster} ({Engine}), log {LogFile}", string.Join(",", hosts), config.ClusterName, engine.Name, logFile);
        var request = new ExpandRequest
        {
            Config = config,
            Hosts = hosts,
            User = user,
            Group = parse.GetRequiredValue(options.Group),
            LocalMode = args.Local,
            PackageDirectory = engine.ShipsPackage && !args.Local ? args.Package ?? CurrentDirectoryPackage() : null,
            Timeout = TimeSpan.FromSeconds(args.TimeoutSeconds),
            DryRun = args.DryRun,
            Parallelism = args.Parallel ?? Math.Max(1, hosts.Count * 3),
            EnvironmentFile = environmentFile,
            HbaMethod = args.HbaMethod,
        };

        // The same command run again after a failed host reuses the data directory the earlier run filled on it.
        var environment = session.Environment(live is null ? new StepProgressLog(session.Log) : live) with
        {
            EarlierRuns = services.Resume is null ? InterruptedRun.NewestFirst(services).Where(j => j.Operation == "expand") : [],
        };
        var operation = new ExpandOperation(engine, environment);
        var result = live is null
            ? await operation.RunAsync(request, cancellationToken).ConfigureAwait(false)
            : await live.RunAsync(_ => operation.RunAsync(request, cancellationToken)).ConfigureAwait(false);
        await RenderAsync(stdout, stderr, result, json, cancellationToken).ConfigureAwait(false);
        return result.ExitCode;
    }

    private static async Task RenderAsync(TextWriter stdout, TextWriter stderr, ExpandResult result, bool json, CancellationToken cancellationToken)
    {
        foreach (var notice in result.Notices)
        {
            await stderr.WriteLineAsync($"notice: {notice}").ConfigureAwait(false);
        }

        if (json)
        {
            object document = result.Plan is not null && result.Execution is null && result.ExitCode == ExitCodes.Success
                ? PlanView.ToJson(result.Plan)
                : ExpandView.ToJson(result);
            await stdout.WriteLineAsync(JsonText.Serialize(document)).ConfigureAwait(false);
        }
        else
        {
            if (result.Preflight is { } preflight && (!preflight.Passed || result.Plan is not null && result.Execution is null))
            {
                await stdout.WriteAsync(PreflightView.ToText(preflight)).ConfigureAwait(false);
            }

            if (result.Plan is not null && result.Execution is null && result.ExitCode == ExitCodes.Success)
            {
                await stdout.WriteAsync(("\n" + PlanView.ToText(result.Plan)).AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            await stdout.WriteAsync(ExpandView.ToText(result).AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        await OutcomeLines.WriteAsync(stderr, result).ConfigureAwait(false);
    }

    // On a cluster node only the primary may expand (GAUSS-50110); a host outside the cluster is a control host.
    private static void RefuseOnAStandby(CliSession session, ClusterConfig config)
    {
        var here = session.Shells.ThisNode(config);
        if (here is not null && here.Role != NodeRole.Primary)
        {
            throw new OgscaleException(
                $"cannot execute this command on {here.Name}, which is not primary (GAUSS-50110)",
                $"run it on the primary {config.Primary.Name} ({config.Primary.BackIp}), or from a control host outside the cluster",
                ExitCodes.PreconditionFailed);
        }
    }

    private static string? CurrentDirectoryPackage()
    {
        var here = Directory.GetCurrentDirectory();
        return Directory.EnumerateFiles(here, "openGauss-Server-*-64bit.tar.bz2").Any() ? here : null;
    }
}
