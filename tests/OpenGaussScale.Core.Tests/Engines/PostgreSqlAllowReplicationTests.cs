using System.Diagnostics;
using System.Globalization;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines.PostgreSql.Actions;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.Tests.Fakes;

namespace OpenGaussScale.Core.Tests.Engines;

/// <summary>
/// PostgreSQL's `allow` step (the new host's pg_hba rule on its upstream) repeated after a cut connection: the add
/// script run twice by a real /bin/sh leaves one rule and the first backup, and a reload cut by the connection is
/// repeated instead of failing the host (matrix finding: the primary's sshd stopped during the reload).
/// </summary>
public sealed class PostgreSqlAllowReplicationTests : IDisposable
{
    private const string Rule = "host    replication    omm    127.0.0.12/32    trust";
    private readonly string _root = Directory.CreateTempSubdirectory("ogscale-allow-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Adding_the_rule_twice_leaves_one_rule_and_the_backup_taken_before_the_first_add()
    {
        var hba = Path.Combine(_root, "pg_hba.conf");
        const string original = "local   all   all   trust\n";
        await File.WriteAllTextAsync(hba, original);

        Assert.Equal(0, await RunAsync(AllowReplicationAction.AddScript, hba, "ogscale-before-127.0.0.12", Rule));
        Assert.Equal(0, await RunAsync(AllowReplicationAction.AddScript, hba, "ogscale-before-127.0.0.12", Rule));

        Assert.Equal(original + Rule + "\n", await File.ReadAllTextAsync(hba));
        Assert.Equal(original, await File.ReadAllTextAsync(hba + ".ogscale-before-127.0.0.12"));
    }

    [Fact]
    public async Task A_reload_cut_by_the_connection_is_repeated_and_the_step_finishes()
    {
        var server = new FakeUpstream { CutReloads = 1 };
        var report = await RunAllowAsync(server);

        Assert.Equal(StepStatus.Done, report["allow@127.0.0.12"].Status);
        Assert.Equal(2, server.Reloads);
        Assert.Equal(2, server.Adds);
        Assert.True(server.LoadedAt > server.ChangedAt, "the rule is in force after the step");
    }

    [Theory]
    [InlineData(200.25, 100.5, StepStatus.Done, 1)] // an earlier run added the rule and was cut before its reload
    [InlineData(100.5, 100.75, StepStatus.AlreadyDone, 0)]
    public async Task A_rule_in_the_file_is_done_only_once_the_server_loaded_the_file_after_its_change(
        double changedAt, double loadedAt, StepStatus expected, int reloads)
    {
        var server = new FakeUpstream { ChangedAt = (decimal)changedAt, LoadedAt = (decimal)loadedAt };
        var report = await RunAllowAsync(server);

        Assert.Equal(expected, report["allow@127.0.0.12"].Status);
        Assert.Equal(reloads, server.Reloads);
    }

    private static async Task<ExecutionReport> RunAllowAsync(FakeUpstream server)
    {
        var config = TestContexts.Cluster("127.0.0.11", "127.0.0.12");
        var action = new AllowReplicationAction(config.Nodes[0], config.Nodes[1], "omm", "~/.bashrc", "/opt/data/dn/pg_hba.conf", "ogscale-before-127.0.0.12");
        var plan = new Plan("expand", [new PlanStep("allow@127.0.0.12", "127.0.0.12", "allow", action, [], Isolated: true)]);
        var (journal, _) = TestContexts.MemoryJournal();
        var context = TestContexts.Create(config, journal, new ScriptedShells(server.Answer));
        return await new PlanExecutor().RunAsync(plan, context, 1, CancellationToken.None);
    }

    private async Task<int> RunAsync(string script, params string[] args)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = _root };
        foreach (var arg in (string[])["-c", script, "ogscale-hba", .. args])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return process.ExitCode;
    }

    /// <summary>The upstream's pg_hba.conf and configuration load time, answering the step's commands.</summary>
    private sealed class FakeUpstream
    {
        public decimal? ChangedAt { get; set; }

        public decimal LoadedAt { get; set; } = 50m;

        public int CutReloads { get; set; }

        public int Reloads { get; private set; }

        public int Adds { get; private set; }

        private decimal Now => Math.Max(ChangedAt ?? 0, LoadedAt) + 1;

        public CommandResult? Answer(NodeConfig node, string user, IReadOnlyList<string> argv)
        {
            Assert.Equal("127.0.0.11", node.BackIp);
            var sql = argv[^1];
            switch (argv)
            {
                case [.., "ogscale-hba-has", _, _]:
                    return ChangedAt is { } changed ? ScriptedShells.Ok(changed.ToString(CultureInfo.InvariantCulture) + "\n") : new CommandResult(1, "", "", TimeSpan.Zero);
                case [.., "ogscale-hba", _, _, _]:
                    Adds++;
                    ChangedAt ??= Now;
                    return ScriptedShells.Ok();
                case ["psql", ..] when sql.Contains("pg_reload_conf", StringComparison.Ordinal):
                    if (++Reloads <= CutReloads)
                    {
                        throw new RemoteException(RemoteFailureKind.ConnectionLost, new RemoteTarget(node.SshIp, 22, user), $"{node.SshIp}: the SSH connection failed while running `psql`");
                    }

                    LoadedAt = Now;
                    return ScriptedShells.Ok("t\n");
                case ["psql", ..] when sql.Contains("pg_conf_load_time", StringComparison.Ordinal):
                    return ScriptedShells.Ok(LoadedAt.ToString(CultureInfo.InvariantCulture) + "\n");
                case ["psql", ..] when sql.Contains("pg_hba_file_rules", StringComparison.Ordinal):
                    return ScriptedShells.Ok("0\n");
                default:
                    return null;
            }
        }
    }
}
