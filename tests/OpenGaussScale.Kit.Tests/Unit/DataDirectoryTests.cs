using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Settings;
using OpenGaussScale.Kit.Tools.GsCtl;

namespace OpenGaussScale.Kit.Tests.Unit;

public sealed class DataDirectoryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ogkit-dn-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void An_empty_directory_is_not_an_uncompleted_build_but_leftovers_or_the_marker_are()
    {
        var dn = new DataDirectory(_directory);
        Assert.False(dn.HasUncompletedBuild);
        File.WriteAllText(dn.PostgresqlConf, "port = 1\n");
        Assert.True(dn.HasUncompletedBuild);
        Directory.CreateDirectory(Path.Combine(_directory, "global"));
        File.WriteAllText(Path.Combine(_directory, "PG_VERSION"), "15\n");
        File.WriteAllText(Path.Combine(_directory, "global", "pg_control"), string.Empty);
        Assert.False(dn.HasUncompletedBuild);
        File.WriteAllText(dn.BuildMarker, string.Empty);
        Assert.True(dn.HasUncompletedBuild);
    }

    [Fact]
    public void Gs_ctl_start_of_an_uncompleted_build_prints_what_gs_expansion_greps_for()
    {
        File.WriteAllText(Path.Combine(_directory, "postgresql.conf"), "port = 1\n");
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new ToolContext(output, error, new Dictionary<string, string>(StringComparer.Ordinal));
        var code = new ServerControl(new KitServices(context)).Start(new DataDirectory(_directory), "standby");
        Assert.Equal(1, code);
        Assert.Contains("Uncompleted build is detected", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Node_state_round_trips()
    {
        var dn = new DataDirectory(_directory);
        var state = new NodeState("cascade_standby", "host=10.0.0.2 port=15400 user=omm application_name=dn_6003", "dn_6003");
        state.Save(dn);
        Assert.Equal(state, NodeState.Load(dn));
        Assert.Equal(NodeState.Empty, NodeState.Load(new DataDirectory(Path.Combine(_directory, "none"))));
    }
}
