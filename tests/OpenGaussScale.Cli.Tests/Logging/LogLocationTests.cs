using OpenGaussScale.Cli.Logging;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Errors;

namespace OpenGaussScale.Cli.Tests.Logging;

/// <summary>
/// Where a verb's log goes: root only into its own ~/.ogscale/log (never the cluster user's $GAUSSLOG/om, where a
/// planted link would take root's writes); the cluster user into its own $GAUSSLOG/om on a node, as the OM tools.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LogLocationTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ogscale-loglocation-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string State => Path.Combine(_dir.FullName, "home", ".ogscale");

    private string Om => Path.Combine(_dir.FullName, "log", "omm", "om");

    private ClusterConfig Cluster => new()
    {
        FilePath = "c.xml",
        ClusterName = "c",
        AppPath = "/opt/app",
        LogPath = Path.Combine(_dir.FullName, "log"),
        ToolPath = "/opt/tool",
        CorePath = "/opt/core",
        Nodes =
        [
            new NodeConfig
            {
                Name = "ognode1", Index = 0, BackIp = "10.0.0.1", SshIp = "10.0.0.1", SshPort = 22, AzName = "AZ1", AzPriority = 1,
                Role = NodeRole.Primary, DataDir = "/opt/data", Port = 5432, Line = 1, Params = [],
            },
        ],
        ClusterParams = [],
        HasClusterManager = false,
    };

    private CliServices Services(bool root) => CliServices.CreateDefault() with
    {
        HostName = "ognode1",
        UserName = Environment.UserName,
        IsRoot = root,
        StateDirectory = State,
        Environment = _ => null,
        Clock = new FixedClock(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero)),
    };

    [Fact]
    public void Root_on_a_cluster_node_logs_in_its_own_directory_not_the_cluster_users()
    {
        Directory.CreateDirectory(Om);

        var log = LogLocation.For("expand", Services(root: true), Cluster, "omm");

        Assert.Equal(Path.Combine(State, "log", "ogscale-expand-20261202T100000Z.log"), log);
        Assert.Equal((UnixFileMode)0x1C0, File.GetUnixFileMode(Path.Combine(State, "log"))); // made 0700
    }

    [Fact]
    public void The_cluster_user_logs_where_the_om_tools_do_when_that_directory_is_its_own()
    {
        Directory.CreateDirectory(Om);

        Assert.Equal(Path.Combine(Om, "ogscale-dropnode-20261202T100000Z.log"), LogLocation.For("dropnode", Services(root: false), Cluster, "omm"));

        File.SetUnixFileMode(Om, (UnixFileMode)0x1FF); // 0777: anybody's
        Assert.Equal(Path.Combine(State, "log", "ogscale-dropnode-20261202T100000Z.log"), LogLocation.For("dropnode", Services(root: false), Cluster, "omm"));
    }

    [Fact]
    public void A_state_directory_others_can_write_is_refused()
    {
        Directory.CreateDirectory(State);
        File.SetUnixFileMode(State, (UnixFileMode)0x1FF);

        var refused = Assert.Throws<OgscaleException>(() => LogLocation.For("rollback", Services(root: true), config: null, user: null));

        Assert.Equal(ExitCodes.PreconditionFailed, refused.ExitCode);
        Assert.Equal($"ogscale keeps its logs and journals in {State}, but {State} can be written by others than {Environment.UserName} (mode 777); nothing was changed", refused.Message);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
