using System.Formats.Tar;
using OpenGaussScale.Kit.Processes;
using Xunit.Abstractions;

namespace OpenGaussScale.Kit.Tests.Integration;

/// <summary>
/// The hand-run scenario of issue 4 against a real PostgreSQL, with the kit alone: install three nodes from the package,
/// a primary, a standby and a cascade standby, built the way reference 3.1/3.4 describes (replconninfo on both sides,
/// hba, gs_ctl start -M standby, gs_ctl build), then check what a DBA would check.
/// </summary>
public sealed class StandbyScenarioTests
{
    private const int Port = 24600;
    private readonly ITestOutputHelper _output;

    public StandbyScenarioTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [ClusterFact]
    public void Primary_standby_and_cascade_built_with_the_kit_replicate_and_report_in_openGauss_formats()
    {
        using var cluster = new KitCluster(Port) { Log = _output.WriteLine };
        foreach (var node in new[] { 1, 2, 3 })
        {
            var installed = cluster.Install(node);
            Ok(installed);
            Assert.Contains("Preinstallation succeeded.", installed.StandardOutput, StringComparison.Ordinal);
        }

        var dn1 = cluster.DataDirectory(1);
        var dn2 = cluster.DataDirectory(2);
        var dn3 = cluster.DataDirectory(3);
        Assert.Matches(@"^gaussdb \(openGauss 6\.0\.0 build \w+\) compiled at", Ok(cluster.Run(1, "gaussdb", "--version")).StandardOutput);

        // A standalone node is Normal; replconninfo entries make it Primary once reloaded (reference open question 2).
        Assert.Contains("server started", Ok(cluster.Run(1, "gs_ctl", "start", "-D", dn1)).StandardOutput, StringComparison.Ordinal);
        var twice = cluster.Run(1, "gs_ctl", "start", "-D", dn1);
        Assert.Equal(1, twice.ExitCode);
        Assert.Contains("another server might be running", twice.StandardError, StringComparison.Ordinal);
        Assert.Equal("Normal", Field(Ok(cluster.Run(1, "gs_ctl", "query", "-D", dn1)).StandardOutput, "local_role"));

        // The static config Install.py wrote lists this node only: -N all -I all works locally, gs_om shows it as the primary.
        var allNodes = Ok(cluster.Run(1, "gs_guc", "check", "-N", "all", "-I", "all", "-c", "port")).StandardOutput;
        Assert.StartsWith("Begin to perform the total nodes: 1.\n", allNodes, StringComparison.Ordinal);
        Assert.Contains("\n    port=24600\n", allNodes, StringComparison.Ordinal);
        var single = Ok(cluster.Run(1, "gs_om", "-t", "status", "--detail")).StandardOutput;
        Assert.Contains("cluster_state   : Normal\n", single, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^1  kitnode1  127\.0\.0\.101\s+24600\s+6001 {dn1}   P Primary Normal$", single);
        var set = Ok(cluster.Run(1, "gs_guc", "set", "-D", dn1, "-c", ReplConnInfo(1, 1, 2), "-c", ReplConnInfo(2, 1, 3)));
        Assert.EndsWith("Total instances: 1. Failed instances: 0.\nSuccess to perform gs_guc!\n", set.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("Normal", Field(Ok(cluster.Run(1, "gs_ctl", "query", "-D", dn1)).StandardOutput, "local_role"));
        Ok(cluster.Run(1, "gs_ctl", "reload", "-D", dn1));
        var primaryQuery = Ok(cluster.Run(1, "gs_ctl", "query", "-D", dn1)).StandardOutput;
        Assert.Equal(("Primary", "Normal", "2"), (Field(primaryQuery, "local_role"), Field(primaryQuery, "db_state"), Field(primaryQuery, "static_connections")));
        Assert.Contains("\n    replconninfo1='localhost=127.0.0.101 localport=24601 ", Ok(cluster.Run(1, "gs_guc", "check", "-D", dn1, "-c", "replconninfo1")).StandardOutput, StringComparison.Ordinal);

        // hba: add the new hosts; a rule given without its method is removed (commented out).
        Ok(cluster.Run(1, "gs_guc", "set", "-D", dn1, "-h", "host    all    postgres    127.0.0.102/32    trust", "-h", "host    all    postgres    127.0.0.103/32    trust", "-h", "host    all    postgres    127.0.0.109/32    trust"));
        Ok(cluster.Run(1, "gs_guc", "reload", "-D", dn1, "-h", "host    all    postgres    127.0.0.109/32"));
        var hba = File.ReadAllText(Path.Combine(dn1, "pg_hba.conf"));
        Assert.Contains("\nhost    all    postgres    127.0.0.102/32    trust\n", hba, StringComparison.Ordinal);
        Assert.Contains("\n#host    all    postgres    127.0.0.109/32    trust\n", hba, StringComparison.Ordinal);

        // A new node started as a standby before its build needs repair.
        Ok(cluster.Run(2, "gs_guc", "set", "-D", dn2, "-c", ReplConnInfo(1, 2, 1), "-c", ReplConnInfo(2, 2, 3), "-c", "application_name='dn_6002'"));
        Ok(cluster.Run(2, "gs_ctl", "start", "-D", dn2, "-M", "standby"));
        var fresh = Ok(cluster.Run(2, "gs_ctl", "query", "-D", dn2)).StandardOutput;
        Assert.Equal(("Standby", "Need repair"), (Field(fresh, "local_role"), Field(fresh, "db_state")));

        // Build: the standby streams from the primary and keeps its own settings.
        Assert.Contains("build completed", Ok(cluster.Run(2, "gs_ctl", "build", "-D", dn2, "-M", "standby")).StandardOutput, StringComparison.Ordinal);
        var standbyQuery = Ok(cluster.Run(2, "gs_ctl", "query", "-D", dn2)).StandardOutput;
        Assert.Equal(("Standby", "Normal"), (Field(standbyQuery, "local_role"), Field(standbyQuery, "db_state")));
        Assert.Contains("\tpeer_role                      : Primary\n", standbyQuery, StringComparison.Ordinal);
        Assert.Contains("<--127.0.0.101:24600", standbyQuery, StringComparison.Ordinal);
        var kept = Ok(cluster.Run(2, "gs_guc", "check", "-D", dn2, "-c", "listen_addresses", "-c", "application_name", "-c", "replconninfo1", "-c", "available_zone")).StandardOutput;
        Assert.Contains("\n    available_zone='AZ1'\n", kept, StringComparison.Ordinal);
        Assert.Contains("\n    listen_addresses='localhost,127.0.0.102'\n", kept, StringComparison.Ordinal);
        Assert.Contains("\n    application_name='dn_6002'\n", kept, StringComparison.Ordinal);
        Assert.Contains("remotehost=127.0.0.101", kept, StringComparison.Ordinal);
        Assert.Equal("dn_6002|physical", Ok(cluster.Run(1, "gsql", "-d", "postgres", "-p", "24600", "-A", "-t", "-c", "SELECT slot_name,slot_type FROM pg_replication_slots;")).StandardOutput.Trim());

        // The build returns once the standby's receiver streams; the primary's sender can still be in catch-up for a
        // moment then (pg_stat_replication.state catchup -> streaming), so the DBA's check waits for it.
        var senders = "";
        Assert.True(
            Poll.Until(() => (senders = cluster.Run(1, "gs_ctl", "query", "-D", dn1).StandardOutput).Contains("\tstate                          : Streaming\n", StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
            $"the primary's sender does not stream:\n{senders}");
        Assert.Contains("\tpeer_role                      : Standby\n", senders, StringComparison.Ordinal);

        // A row written on the primary is read on the standby.
        Ok(cluster.Run(1, "gsql", "postgres", "-p", "24600", "-c", "CREATE TABLE kit_check (v text); INSERT INTO kit_check VALUES ('from the primary');"));
        Assert.True(Poll.Until(() => Read(cluster, 2) == "from the primary", TimeSpan.FromSeconds(30)), "the row did not reach the standby");

        // A cascade standby builds from a standby: with only the primary in its replconninfo there is none.
        Ok(cluster.Run(3, "gs_guc", "set", "-D", dn3, "-c", ReplConnInfo(1, 3, 1), "-c", "application_name='dn_6003'"));
        Ok(cluster.Run(3, "gs_ctl", "start", "-D", dn3, "-M", "standby"));
        var noStandby = cluster.Run(3, "gs_ctl", "build", "-D", dn3, "-M", "cascade_standby");
        Assert.Equal(1, noStandby.ExitCode);
        Assert.Contains("no standby found among the replconninfo peers (replconninfo1 127.0.0.101:24600: Primary)", noStandby.StandardError, StringComparison.Ordinal);
        Ok(cluster.Run(3, "gs_guc", "set", "-D", dn3, "-c", ReplConnInfo(2, 3, 2)));
        Ok(cluster.Run(3, "gs_ctl", "build", "-D", dn3, "-M", "cascade_standby"));
        var cascadeQuery = Ok(cluster.Run(3, "gs_ctl", "query", "-D", dn3)).StandardOutput;
        Assert.Equal(("Cascade Standby", "Normal"), (Field(cascadeQuery, "local_role"), Field(cascadeQuery, "db_state")));
        Assert.Contains("<--127.0.0.102:24600", cascadeQuery, StringComparison.Ordinal);
        Assert.Contains("\tpeer_role                      : Cascade Standby\n", Ok(cluster.Run(2, "gs_ctl", "query", "-D", dn2)).StandardOutput, StringComparison.Ordinal);
        Assert.True(Poll.Until(() => Read(cluster, 3) == "from the primary", TimeSpan.FromSeconds(30)), "the row did not reach the cascade standby");

        // gs_om over a static config listing the three nodes.
        var xml = Path.Combine(cluster.Root, "cluster.xml");
        File.WriteAllText(xml, cluster.ClusterXmlText([1, 2, 3], new HashSet<int> { 3 }));
        Ok(cluster.Run(1, "gs_om", "-t", "generateconf", "-X", xml));
        File.Copy(Path.Combine(cluster.ToolPath(1), "script", "static_config_files", "cluster_static_config_kitnode1"), Path.Combine(cluster.AppPath(1), "bin", "cluster_static_config"), overwrite: true);
        var status = Ok(cluster.Run(1, "gs_om", "-t", "status", "--detail")).StandardOutput;
        Assert.Contains("cluster_state   : Normal\n", status, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^1  kitnode1  127\.0\.0\.101\s+24600\s+6001 {dn1}   P Primary Normal$", status);
        Assert.Matches($@"(?m)^2  kitnode2  127\.0\.0\.102\s+24600\s+6002 {dn2}   S Standby Normal$", status);
        Assert.Matches($@"(?m)^3  kitnode3  127\.0\.0\.103\s+24600\s+6003 {dn3}   C Cascade Normal$", status);

        // gs_guc values win over postgresql.auto.conf, and renamed parameters are mapped.
        File.AppendAllText(Path.Combine(dn2, "postgresql.auto.conf"), "work_mem = '1MB'\n");
        Ok(cluster.Run(2, "gs_guc", "reload", "-D", dn2, "-c", "work_mem='3MB'"));
        Assert.True(Poll.Until(() => Show(cluster, 2, "work_mem") == "3MB", TimeSpan.FromSeconds(20)), "work_mem did not become 3MB on the standby");
        Ok(cluster.Run(1, "gs_guc", "reload", "-D", dn1, "-c", "wal_keep_segments=64"));
        Assert.True(Poll.Until(() => Show(cluster, 1, "wal_keep_size") == "1GB", TimeSpan.FromSeconds(20)), "wal_keep_size did not follow wal_keep_segments");
        Assert.Contains("\n    wal_keep_segments=64\n", Ok(cluster.Run(1, "gs_guc", "check", "-D", dn1, "-c", "wal_keep_segments")).StandardOutput, StringComparison.Ordinal);

        // Backup.py as gs_dropnode calls it.
        var backupDirectory = Path.Combine(cluster.NodeDirectory(1), "tmp", "gs_dropnode_backup20240926");
        Ok(cluster.Run(1, "mkdir", "-m", "700", backupDirectory));
        Ok(cluster.Run(1, "python3", Path.Combine(cluster.ToolPath(1), "script", "local", "Backup.py"), "-U", KitCluster.User, "-P", backupDirectory, "-p", "--nodeName=kitnode1", "-l", Path.Combine(backupDirectory, "gs_dropnode_call_Backup_py.log")));
        Assert.Equal(
            ["parameter_kitnode1/", "parameter_kitnode1/6001_pg_hba.conf", "parameter_kitnode1/6001_postgresql.conf", "parameter_kitnode1/hostname"],
            TarNames(Path.Combine(backupDirectory, "parameter_kitnode1.tar")));

        // A stopped standby is Down, the cluster Degraded, and the primary loses its sender.
        Ok(cluster.Run(2, "gs_ctl", "stop", "-D", dn2));
        var degraded = Ok(cluster.Run(1, "gs_om", "-t", "status", "--detail")).StandardOutput;
        Assert.Contains("cluster_state   : Degraded\n", degraded, StringComparison.Ordinal);
        Assert.Matches(@"(?m)6002 \S+   S Down Manually stopped$", degraded);
        Assert.Contains("cluster_state   : Degraded\n", Ok(cluster.Run(1, "gs_om", "-t", "status")).StandardOutput, StringComparison.Ordinal);
        Assert.True(
            Poll.Until(() => cluster.Run(1, "gs_ctl", "query", "-D", dn1).StandardOutput.Contains(" Senders info:\nNo information\n", StringComparison.Ordinal), TimeSpan.FromSeconds(20)),
            "the primary still shows a sender");
        var again = cluster.Run(2, "gs_ctl", "stop", "-D", dn2);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("Is server running?", again.StandardError, StringComparison.Ordinal);

        // StartInstance.py brings it back in its own mode.
        Ok(cluster.Run(2, "python3", Path.Combine(cluster.ToolPath(2), "script", "local", "StartInstance.py"), "-U", KitCluster.User, "-D", dn2));
        Assert.True(
            Poll.Until(() => Field(cluster.Run(2, "gs_ctl", "query", "-D", dn2).StandardOutput, "db_state") == "Normal", TimeSpan.FromSeconds(30)),
            "the restarted standby does not stream again");

        // gs_dropnode's commands for node 2 (reference 4.2): stop it, clear its replconninfo and hba rule, drop its slot.
        var stopped = Ok(cluster.Run(2, "gs_ctl", "stop", "-D", dn2, "-M", "immediate"));
        Assert.Contains("server stopped", stopped.StandardOutput, StringComparison.Ordinal);
        var cleared = Ok(cluster.Run(1, "gs_guc", "reload", "-D", dn1, "-c", "replconninfo1 = ''"));
        Assert.Contains("Success to perform gs_guc!", cleared.StandardOutput, StringComparison.Ordinal);
        Ok(cluster.Run(1, "gs_guc", "set", "-D", dn1, "-h", "host    all    postgres    127.0.0.102/32"));
        Assert.DoesNotMatch("(?m)^host.*127\\.0\\.0\\.102/32.*trust", File.ReadAllText(Path.Combine(dn1, "pg_hba.conf")));
        Assert.True(
            Poll.Until(() => Field(cluster.Run(1, "gs_ctl", "query", "-D", dn1).StandardOutput, "static_connections") == "1", TimeSpan.FromSeconds(20)),
            "the primary still counts two replconninfo entries");
        Assert.Equal("dn_6002||physical", Ok(cluster.Run(1, "gsql", "-p", "24600", "postgres", "-A", "-t", "-c", "SELECT slot_name,plugin,slot_type FROM pg_replication_slots;")).StandardOutput.Trim());
        Ok(cluster.Run(1, "gsql", "-p", "24600", "postgres", "-A", "-t", "-c", "SET enable_slot_log TO 1;SELECT pg_drop_replication_slot('dn_6002');"));
        Assert.Equal(string.Empty, Ok(cluster.Run(1, "gsql", "-p", "24600", "postgres", "-A", "-t", "-c", "SELECT slot_name FROM pg_replication_slots;")).StandardOutput.Trim());
        Assert.Equal("Primary", Field(Ok(cluster.Run(1, "gs_ctl", "query", "-D", dn1)).StandardOutput, "local_role"));
    }

    private static string ReplConnInfo(int index, int local, int remote) =>
        $"replconninfo{index}='localhost={KitCluster.Address(local)} localport=24601 localheartbeatport=24605 localservice=24604 "
        + $"remotehost={KitCluster.Address(remote)} remoteport=24601 remoteheartbeatport=24605 remoteservice=24604'";

    private static string? Read(KitCluster cluster, int node)
    {
        var result = cluster.Run(node, "gsql", "-d", "postgres", "-p", "24600", "-A", "-t", "-c", "SELECT v FROM kit_check");
        return result.Succeeded ? result.StandardOutput.Trim() : null;
    }

    private static string? Show(KitCluster cluster, int node, string name)
    {
        var result = cluster.Run(node, "gsql", "-d", "postgres", "-p", "24600", "-A", "-t", "-c", "SHOW " + name);
        return result.Succeeded ? result.StandardOutput.Trim() : null;
    }

    /// <summary>The value of the first "\tname   : value" line (as gs_expansion reads local_role and db_state).</summary>
    private static string? Field(string output, string name) =>
        output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();

    private static string[] TarNames(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new TarReader(stream);
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }

    private static ProcessResult Ok(ProcessResult result)
    {
        Assert.True(result.Succeeded, $"exit {result.ExitCode}\nstdout:\n{result.StandardOutput}\nstderr:\n{result.StandardError}");
        return result;
    }
}
