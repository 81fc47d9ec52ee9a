using OpenGaussScale.Cli;
using OpenGaussScale.Cli.Commands;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Playground.Engines;
using OpenGaussScale.Playground.Hosts;
using OpenGaussScale.Playground.Verbs;
using System.CommandLine;
using System.Diagnostics.CodeAnalysis;

namespace OpenGaussScale.Playground.Cli;

/// <summary>
/// `ogscale-playground up|down|status|sql|stop|start|rekey|alter|demo`: verbs and options only; the work is in
/// OpenGaussScale.Playground. Results go to stdout, progress to stderr.
/// </summary>
[SuppressMessage(
    "Interoperability",
    "CA1416:Validate platform compatibility",
    Justification = "the Linux-only playground library runs only inside RunAsync, after its OperatingSystem.IsLinux() check; elsewhere the verbs refuse with exit 3")]
internal static class PlaygroundVerbs
{
    public static IEnumerable<Command> All(CliServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return [Up(), Down(), Status(), Sql(), Stop(), Start(), Rekey(), Alter(), DemoCommand.Create(services)];
    }

    private static Command Up()
    {
        var nodes = new Option<int>("--nodes") { Description = "number of hosts, 2 to 9", DefaultValueFactory = _ => 4, HelpName = "N" };
        var engine = new Option<string>("--engine") { Description = "the database: opengauss (through the command kit) or postgresql", DefaultValueFactory = _ => PlaygroundEngines.OpenGauss, HelpName = "opengauss|postgresql" };
        CommonOptions.OneOf(engine, [.. PlaygroundEngines.Names]);
        var force = new Option<bool>("--force") { Description = "clean a non-empty DIR first (a running playground in it is stopped)" };
        var noTrust = new Option<string?>("--no-trust") { Description = "hosts left out of the mutual SSH trust (numbers or names, comma separated)", HelpName = "HOSTS" };
        var dir = Dir();
        var command = new Command("up", "make the hosts, start their sshd and the primary, write cluster.xml, expand-all.xml, ssh_config and known_hosts") { nodes, engine, dir, force, noTrust };
        command.SetAction((parse, ct) => RunAsync(parse, log =>
            PlaygroundUp.RunAsync(new UpOptions(parse.GetValue(nodes), parse.GetValue(engine)!, parse.GetValue(dir)!, parse.GetValue(force), parse.GetValue(noTrust)), Out(parse), log, ct)));
        return command;
    }

    private static Command Down()
    {
        var dir = Dir();
        var command = new Command("down", "stop exactly what up started (by PID), remove the nftables table, cgroups and mount points it made") { dir };
        command.SetAction((parse, ct) => RunAsync(parse, log => PlaygroundDown.RunAsync(parse.GetValue(dir)!, Out(parse), log, ct)));
        return command;
    }

    private static Command Status()
    {
        var dir = Dir();
        var output = CommonOptions.Output();
        var command = new Command("status", "each host's sshd, database state and role") { dir, output };
        command.SetAction((parse, ct) => RunAsync(parse, async log =>
        {
            var report = await PlaygroundStatus.ProbeAsync(parse.GetValue(dir)!, log, ct).ConfigureAwait(false);
            var text = parse.GetValue(output) == OutputFormat.Json ? PlaygroundStatus.RenderJson(report) : PlaygroundStatus.RenderText(report);
            await Out(parse).WriteAsync(text).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Sql()
    {
        var node = Node();
        var sql = new Argument<string>("SQL") { Description = "the SQL to run (rows printed tuples-only, '|'-separated)" };
        var dir = Dir();
        var command = new Command("sql", "run SQL on a host's database as omm, inside the host") { node, sql, dir };
        command.SetAction((parse, ct) => RunAsync(parse, log =>
            PlaygroundSql.RunAsync(parse.GetValue(dir)!, parse.GetValue(node)!, parse.GetValue(sql)!, Out(parse), parse.InvocationConfiguration.Error, log, ct)));
        return command;
    }

    private static Command Stop()
    {
        var node = Node();
        var sshdOnly = new Option<bool>("--sshd-only") { Description = "stop only the sshd (the host becomes unreachable; its database keeps running)" };
        var dbOnly = new Option<bool>("--db-only") { Description = "stop only the database, immediately (like a crash)" };
        var dir = Dir();
        var command = new Command("stop", "stop a host (database and sshd), or only one of them") { node, sshdOnly, dbOnly, dir };
        command.Validators.Add(r =>
        {
            if (r.GetValue(sshdOnly) && r.GetValue(dbOnly))
            {
                r.AddError("--sshd-only and --db-only exclude each other");
            }
        });
        command.SetAction((parse, ct) => RunAsync(parse, log =>
        {
            var scope = parse.GetValue(sshdOnly) ? StopScope.SshdOnly : parse.GetValue(dbOnly) ? StopScope.DatabaseOnly : StopScope.Host;
            return PlaygroundHostControl.StopAsync(parse.GetValue(dir)!, parse.GetValue(node)!, scope, Out(parse), log, ct);
        }));
        return command;
    }

    private static Command Start()
    {
        var node = Node();
        var dir = Dir();
        var command = new Command("start", "start a stopped host's sshd (in a new namespace) and its database if it is initialised") { node, dir };
        command.SetAction((parse, ct) => RunAsync(parse, log => PlaygroundHostControl.StartAsync(parse.GetValue(dir)!, parse.GetValue(node)!, Out(parse), log, ct)));
        return command;
    }

    private static Command Rekey()
    {
        var node = Node();
        var dir = Dir();
        var command = new Command("rekey", "give a host a new host key (known_hosts files keep the old one, so clients refuse it)") { node, dir };
        command.SetAction((parse, ct) => RunAsync(parse, log => PlaygroundHostControl.RekeyAsync(parse.GetValue(dir)!, parse.GetValue(node)!, Out(parse), log, ct)));
        return command;
    }

    private static Command Alter()
    {
        var node = Node();
        var removeUser = new Option<bool>("--remove-user") { Description = "remove the user omm from the host" };
        var removeGroup = new Option<bool>("--remove-group") { Description = "remove the group dbgrp from the host" };
        var primaryGroup = new Option<string?>("--primary-group") { Description = "make GROUP omm's primary group (added when missing)", HelpName = "GROUP" };
        var osVersion = new Option<string?>("--os-version") { Description = "set VERSION_ID in the host's /etc/os-release", HelpName = "VERSION_ID" };
        var dir = Dir();
        var command = new Command("alter", "make one host differ from the others (for tests of ogscale check)") { node, removeUser, removeGroup, primaryGroup, osVersion, dir };
        command.SetAction((parse, ct) => RunAsync(parse, log => PlaygroundAlter.RunAsync(
            parse.GetValue(dir)!,
            parse.GetValue(node)!,
            new AlterOptions(parse.GetValue(removeUser), parse.GetValue(removeGroup), parse.GetValue(primaryGroup), parse.GetValue(osVersion)),
            Out(parse),
            log,
            ct)));
        return command;
    }

    /// <summary>--dir, refused at once when `up` could never have made a playground there (its path ends up in hints to copy).</summary>
    internal static Option<string> Dir()
    {
        var dir = new Option<string>("--dir") { Description = "the playground's directory", DefaultValueFactory = _ => PlaygroundLayout.DefaultDir, HelpName = "DIR" };
        dir.Validators.Add(r =>
        {
            try
            {
                PlaygroundDir.Validate(r.GetValueOrDefault<string>() ?? "");
            }
            catch (OgscaleException e)
            {
                r.AddError($"--dir: {e.Message}: {e.Hint}");
            }
        });
        return dir;
    }

    private static Argument<string> Node() =>
        new("NODE") { Description = "a host: its number 1..N or its name ognodeK" };

    private static TextWriter Out(ParseResult parse) => parse.InvocationConfiguration.Output;

    // Linux check first (the library is Linux-only), then the verb; user errors become `error:`/`hint:` and their exit code.
    private static async Task<int> RunAsync(ParseResult parse, Func<PlaygroundLog, Task<int>> verb)
    {
        var error = parse.InvocationConfiguration.Error;
        if (!OperatingSystem.IsLinux())
        {
            await error.WriteLineAsync("error: the playground runs on Linux only (namespaces, cgroup v2, nftables)").ConfigureAwait(false);
            await error.WriteLineAsync("hint: run it in a Linux VM or container, as root").ConfigureAwait(false);
            return ExitCodes.PreconditionFailed;
        }

        return await RunOnLinuxAsync(error, verb).ConfigureAwait(false);
    }

    private static async Task<int> RunOnLinuxAsync(TextWriter error, Func<PlaygroundLog, Task<int>> verb)
    {
        try
        {
            return await verb(new PlaygroundLog(error)).ConfigureAwait(false);
        }
        catch (OgscaleException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            if (e.Hint is not null)
            {
                await error.WriteLineAsync($"hint: {e.Hint}").ConfigureAwait(false);
            }

            return e.ExitCode;
        }
    }
}
