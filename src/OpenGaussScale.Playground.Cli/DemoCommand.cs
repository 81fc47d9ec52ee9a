using OpenGaussScale.Cli;
using OpenGaussScale.Cli.Commands;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Playground.Engines;
using OpenGaussScale.Playground.Xml;
using System.CommandLine;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace OpenGaussScale.Playground.Cli;

/// <summary>
/// `ogscale-playground demo [--engine ...] [--keep]`: the whole job on one machine, each stage the very command a user
/// would type (run in-process, so its output is exactly what the user would see): a 4-host playground, an expansion by
/// two standbys and a cascade, a row written on the primary and read back on every standby, status, a standby dropped,
/// and down.
/// </summary>
[SuppressMessage("Interoperability", "CA1416:Validate platform compatibility", Justification = "the demo runs only after `playground up`, which refuses anything but Linux")]
internal static class DemoCommand
{
    private const string Row = "written on the primary during the ogscale demo";

    public static Command Create(CliServices services)
    {
        var engine = new Option<string>("--engine") { Description = "opengauss (through the command kit) or postgresql", DefaultValueFactory = _ => PlaygroundEngines.OpenGauss, HelpName = "opengauss|postgresql" };
        CommonOptions.OneOf(engine, [.. PlaygroundEngines.Names]);
        var keep = new Option<bool>("--keep") { Description = "leave the playground running at the end (tear it down later with `ogscale-playground down`)" };
        var dir = PlaygroundVerbs.Dir();
        var command = new Command("demo", "bring up 4 hosts, expand the cluster by two standbys and a cascade, show a row replicated and the status, drop a standby, then tear down")
        {
            engine, keep, dir,
        };
        command.SetAction((parse, ct) => RunAsync(parse, services, parse.GetValue(engine)!, parse.GetValue(keep), parse.GetValue(dir)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliServices services, string engine, bool keep, string dir, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var clock = Stopwatch.StartNew();
        var up = await StageAsync(parse, services, "1/6", "a 4-host playground", PlaygroundApp.ProgramName, ["up", "--nodes", "4", "--engine", engine, "--dir", dir], cancellationToken).ConfigureAwait(false);
        if (up != ExitCodes.Success)
        {
            return up;
        }

        var result = ExitCodes.Success;
        try
        {
            var xml = CascadeVariant.Write(dir, "ognode4");
            string[] access = ["--identity", Path.Combine(dir, "id_ed25519"), "--known-hosts", Path.Combine(dir, "known_hosts")];
            string[] package = engine == PlaygroundEngines.OpenGauss ? ["--package", Path.Combine(dir, "package")] : [];
            result = await StageAsync(parse, services, "2/6", "expand: ognode2 and ognode3 as standbys, ognode4 as a cascade of ognode2",
                CliApp.ProgramName, ["expand", "-U", "omm", "-G", "dbgrp", "-X", xml, "-h", "127.0.0.12,127.0.0.13,127.0.0.14", .. package, .. access], cancellationToken).ConfigureAwait(false);
            if (result != ExitCodes.Success)
            {
                return result;
            }

            result = await StageAsync(parse, services, "3/6", "a row written on the primary",
                PlaygroundApp.ProgramName, ["sql", "1", $"create table if not exists ogscale_demo(note text); insert into ogscale_demo values ('{Row}')", "--dir", dir], cancellationToken).ConfigureAwait(false);
            result = result == ExitCodes.Success ? await ReadBackAsync(parse, services, dir, cancellationToken).ConfigureAwait(false) : result;
            if (result == ExitCodes.Success)
            {
                result = await StageAsync(parse, services, "5/6", "ogscale status", CliApp.ProgramName, ["status", "-U", "omm", "-X", xml, .. access], cancellationToken).ConfigureAwait(false);
            }

            if (result == ExitCodes.Success)
            {
                result = await StageAsync(parse, services, "6/6", "dropnode: ognode3 leaves the cluster online",
                    CliApp.ProgramName, ["dropnode", "-U", "omm", "-G", "dbgrp", "-X", xml, "-h", "127.0.0.13", "--yes", .. access], cancellationToken).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            if (keep)
            {
                await output.WriteLineAsync($"\nthe playground keeps running in {dir}; `ogscale-playground down --dir {dir}` tears it down").ConfigureAwait(false);
            }
            else
            {
                // `up` only works in an empty DIR, so what the demo made there goes too: the demo can run again.
                if (await StageAsync(parse, services, "end", "playground down", PlaygroundApp.ProgramName, ["down", "--dir", dir], CancellationToken.None).ConfigureAwait(false) == ExitCodes.Success)
                {
                    Directory.Delete(dir, recursive: true);
                }

                if (result != ExitCodes.Success)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync("hint: run the demo with --keep to look at the hosts after a failure").ConfigureAwait(false);
                }
            }

            await output.WriteLineAsync($"\ndemo {(result == ExitCodes.Success ? "done" : "failed")} in {clock.Elapsed.TotalSeconds:0} s").ConfigureAwait(false);
        }
    }

    // The row is read on every standby, asked again (with backoff, for a few seconds) until replay has reached it.
    private static async Task<int> ReadBackAsync(ParseResult parse, CliServices services, string dir, CancellationToken cancellationToken)
    {
        await parse.InvocationConfiguration.Output.WriteLineAsync("\n== 4/6 the row read back on every standby ==").ConfigureAwait(false);
        foreach (var node in new[] { "2", "3", "4" })
        {
            var found = await Core.Waiting.Poll.UntilAsync(
                async ct =>
                {
                    using var rows = new StringWriter();
                    var code = await PlaygroundApp.RunAsync(["sql", node, $"select count(*) from ogscale_demo where note = '{Row}'", "--dir", dir],
                        new InvocationConfiguration { Output = rows, Error = parse.InvocationConfiguration.Error }, services, ct).ConfigureAwait(false);
                    return code == ExitCodes.Success && rows.ToString().Trim() == "1";
                },
                TimeSpan.FromSeconds(30), services.Clock, cancellationToken).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"ognode{node}: {(found ? $"'{Row}'" : "the row did not arrive within 30 s")}").ConfigureAwait(false);
            if (!found)
            {
                return ExitCodes.Unexpected;
            }
        }

        return ExitCodes.Success;
    }

    // PROGRAM is ogscale or ogscale-playground: the stage prints and runs the very command a user would type.
    private static async Task<int> StageAsync(ParseResult parse, CliServices services, string number, string title, string program, string[] args, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        await output.WriteLineAsync($"\n== {number} {title} ==\n$ {program} {string.Join(' ', args.Select(Core.Remote.ShellQuote.Quote))}").ConfigureAwait(false);
        var code = program == PlaygroundApp.ProgramName
            ? await PlaygroundApp.RunAsync(args, parse.InvocationConfiguration, services, cancellationToken).ConfigureAwait(false)
            : await CliApp.RunAsync(args, parse.InvocationConfiguration, services, cancellationToken).ConfigureAwait(false);
        if (code != ExitCodes.Success)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"error: the demo stopped at stage {number} ({title}): exit {code}").ConfigureAwait(false);
        }

        return code;
    }
}
