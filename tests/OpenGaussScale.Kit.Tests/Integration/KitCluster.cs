using System.Globalization;
using OpenGaussScale.Kit.Packaging;
using OpenGaussScale.Kit.Processes;

namespace OpenGaussScale.Kit.Tests.Integration;

/// <summary>
/// Up to nine "hosts" for the kit on one machine, without namespaces: node N listens on 127.0.0.10N and has its own
/// app/tool/log/tmp/data directories under /tmp/ogkit-tests-GUID/nN. Each is installed from the built package the way a
/// DBA would (gs_preinstall as root, then Install.py and InitInstance.py as the cluster user), with the existing
/// `postgres` OS user as the cluster user because PostgreSQL refuses to run as root. Every postmaster is stopped and the
/// directory removed on dispose, whatever the test did.
/// The kit reaches other nodes with `ssh HOST -- COMMAND` (gs_om status, gs_guc -N all); here every node is this
/// machine, so a test double for `ssh` first on PATH runs COMMAND locally. The real SSH path is exercised on the
/// playground (tests/OpenGaussScale.E2E.Tests).
/// </summary>
public sealed class KitCluster : IDisposable
{
    public const string User = "postgres";
    public const string ClusterName = "kitc";
    private readonly List<int> _installed = [];

    // Its addresses (127.0.0.101-109) and ports are fixed, so two test runs on one machine (tests/flaky.sh beside
    // tests/run.sh, two clones) would share them: one kit cluster per machine at a time, as the playground.
    private readonly FileStream _machineLock;

    public KitCluster(int port)
    {
        _machineLock = TakeMachineLock();
        Port = port;
        Root = Path.Combine("/tmp", "ogkit-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        try
        {
            MustSucceed(ProcessRunner.Run("chown", [$"{User}:{User}", Root]));
            Directory.CreateDirectory(ShimDirectory);
            File.WriteAllText(Path.Combine(ShimDirectory, "ssh"), SshShim);
            MustSucceed(ProcessRunner.Run("chmod", ["0755", Path.Combine(ShimDirectory, "ssh")]));
            Package = PackageBuilder.Build(PackageBuilder.DefaultKitDirectory, PackageDirectory);
            MustSucceed(ProcessRunner.Run("tar", ["-xzf", Package.OmTarball, "-C", PackageDirectory]));
            MustSucceed(ProcessRunner.Run("chown", ["-R", $"{User}:{User}", PackageDirectory]));
        }
        catch
        {
            Directory.Delete(Root, recursive: true);
            _machineLock.Dispose();
            throw;
        }
    }

    // FileShare.None is an exclusive flock(2) on Linux, released when the stream closes or the process dies.
    private static FileStream TakeMachineLock()
    {
        FileStream? taken = null;
        var free = Poll.Until(
            () =>
            {
                try
                {
                    taken = new FileStream("/tmp/ogscale-kit-cluster.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    return true;
                }
                catch (IOException)
                {
                    return false;
                }
            },
            TimeSpan.FromMinutes(30));
        return free && taken is not null ? taken : throw new TimeoutException("another kit cluster held /tmp/ogscale-kit-cluster.lock for 30 minutes");
    }

    public string Root { get; }

    public int Port { get; }

    public PackageFiles Package { get; }

    public string PackageDirectory => Path.Combine(Root, "pkg");

    /// <summary>Holds the `ssh` test double (see the class summary).</summary>
    public string ShimDirectory => Path.Combine(Root, "shim");

    // Takes what the kit's RemoteHost passes (-o OPTION ..., HOST, --, COMMAND) and runs COMMAND here.
    private const string SshShim = """
        #!/bin/bash
        # ssh test double of the kit's one-machine cluster: every node is this machine.
        while [ $# -gt 0 ]; do
          case "$1" in
            -o) shift 2 ;;
            --) shift; break ;;
            -*) echo "ssh test double: unexpected option $1" >&2; exit 255 ;;
            *) shift ;;
          esac
        done
        exec bash -c "$*"

        """;

    public static string Address(int node) => string.Create(CultureInfo.InvariantCulture, $"127.0.0.{100 + node}");

    public static string Name(int node) => string.Create(CultureInfo.InvariantCulture, $"kitnode{node}");

    public string NodeDirectory(int node) => Path.Combine(Root, "n" + node.ToString(CultureInfo.InvariantCulture));

    public string DataDirectory(int node) => Path.Combine(NodeDirectory(node), "data", "dn");

    public string AppPath(int node) => Path.Combine(NodeDirectory(node), "app");

    public string ToolPath(int node) => Path.Combine(NodeDirectory(node), "om");

    public string EnvironmentFile(int node) => Path.Combine(NodeDirectory(node), "env");

    /// <summary>The one-host XML gs_expansion would write for a new host (reference 3.1 step 2.2), here with per-node paths.</summary>
    public string NodeXml(int node) => Xml([node], node);

    /// <summary>The whole cluster: node 1 the primary, the others standbys in order, the listed ones cascades.</summary>
    public string ClusterXmlText(IReadOnlyList<int> nodes, IReadOnlySet<int> cascades) => Xml(nodes, nodes[0], cascades);

    private string Xml(IReadOnlyList<int> nodes, int pathsOf, IReadOnlySet<int>? cascades = null)
    {
        string P(string name, string value) => $"<PARAM name=\"{name}\" value=\"{value}\"/>";
        var dir = NodeDirectory(pathsOf);
        var text = new System.Text.StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ROOT>\n<CLUSTER>\n");
        text.Append(P("clusterName", ClusterName)).Append(P("nodeNames", string.Join(',', nodes.Select(Name))))
            .Append(P("backIp1s", string.Join(',', nodes.Select(Address))))
            .Append(P("gaussdbAppPath", dir + "/app")).Append(P("gaussdbLogPath", dir + "/log")).Append(P("tmpMppdbPath", dir + "/tmp"))
            .Append(P("gaussdbToolPath", dir + "/om")).Append(P("corePath", dir + "/corefile")).Append("\n</CLUSTER>\n<DEVICELIST>\n");
        foreach (var node in nodes)
        {
            text.Append("<DEVICE sn=\"").Append(Name(node)).Append("\">")
                .Append(P("name", Name(node))).Append(P("azName", "AZ1")).Append(P("azPriority", "1"))
                .Append(P("backIp1", Address(node))).Append(P("sshIp1", Address(node)));
            if (node == nodes[0])
            {
                var dataNode1 = string.Join(',', nodes.Select((n, i) => i == 0 ? DataDirectory(n) : Name(n) + "," + DataDirectory(n)));
                text.Append(P("dataNum", "1")).Append(P("dataPortBase", Port.ToString(CultureInfo.InvariantCulture))).Append(P("dataNode1", dataNode1));
            }

            if (cascades?.Contains(node) == true)
            {
                text.Append(P("cascadeRole", "on"));
            }

            text.Append("</DEVICE>\n");
        }

        return text.Append("</DEVICELIST>\n</ROOT>\n").ToString();
    }

    /// <summary>Installs node N from the package: gs_preinstall (root), Install.py and InitInstance.py (cluster user).</summary>
    public ProcessResult Install(int node)
    {
        Directory.CreateDirectory(NodeDirectory(node));
        MustSucceed(ProcessRunner.Run("chown", [$"{User}:{User}", NodeDirectory(node)]));
        var xml = Path.Combine(Root, Name(node) + ".xml");
        File.WriteAllText(xml, NodeXml(node));
        _installed.Add(node);
        var preinstall = ProcessRunner.Run(
            Path.Combine(PackageDirectory, "script", "gs_preinstall"),
            ["-U", User, "-G", User, "-X", xml, "--non-interactive", "--sep-env-file=" + EnvironmentFile(node)]);
        if (!preinstall.Succeeded)
        {
            return preinstall;
        }

        var install = Run(node, "python3", Path.Combine(ToolPath(node), "script", "local", "Install.py"), "-t", "install_cluster",
            "-U", $"{User}:{User}", "-X", xml, "-R", AppPath(node), "-c", ClusterName, "-l", Path.Combine(NodeDirectory(node), "log", "install.log"));
        if (!install.Succeeded)
        {
            return install;
        }

        var init = Run(node, "python3", Path.Combine(ToolPath(node), "script", "local", "InitInstance.py"), "-U", User, "-l", Path.Combine(NodeDirectory(node), "log", "init.log"));
        return new ProcessResult(init.ExitCode, preinstall.StandardOutput + install.StandardOutput + init.StandardOutput, init.StandardError);
    }

    /// <summary>Runs argv as the cluster user on node N, after sourcing the node's env file (as OM does over SSH).</summary>
    public ProcessResult Run(int node, params string[] argv)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = ProcessRunner.Run(
            "runuser",
            ["-u", User, "--", "env", "HOME=/var/lib/postgresql", $"PATH={ShimDirectory}:{Environment.GetEnvironmentVariable("PATH")}", "bash", "-c", "source \"$0\" && exec \"$@\"", EnvironmentFile(node), .. argv],
            timeout: TimeSpan.FromMinutes(5));
        Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"node{node} {clock.Elapsed.TotalSeconds:0.00}s exit {result.ExitCode}: {string.Join(' ', argv)}"));
        return result;
    }

    /// <summary>Where each command, its duration and exit code are reported (the test's output, for diagnosing failures).</summary>
    public Action<string>? Log { get; set; }

    public void Dispose()
    {
        foreach (var node in _installed)
        {
            if (File.Exists(Path.Combine(DataDirectory(node), "postmaster.pid")))
            {
                ProcessRunner.Run("runuser", ["-u", User, "--", "/usr/lib/postgresql/15/bin/pg_ctl", "stop", "-D", DataDirectory(node), "-m", "immediate", "-w"], timeout: TimeSpan.FromMinutes(1));
            }
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        finally
        {
            _machineLock.Dispose();
        }
    }

    private static void MustSucceed(ProcessResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.FailureText);
        }
    }
}
