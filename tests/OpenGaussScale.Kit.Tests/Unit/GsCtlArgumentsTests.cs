using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Tools.GsCtl;

namespace OpenGaussScale.Kit.Tests.Unit;

public sealed class GsCtlArgumentsTests
{
    private static readonly Dictionary<string, string> NoEnvironment = new(StringComparer.Ordinal);

    private static GsCtlArguments Parse(params string[] args) => GsCtlArguments.Parse(args, NoEnvironment, out _)!;

    [Fact]
    public void Build_takes_the_data_directory_the_mode_and_full()
    {
        var parsed = Parse("build", "-D", "/opt/data/dn", "-M", "cascade_standby", "-b", "full");
        Assert.Equal(("build", "/opt/data/dn", "cascade_standby", "full"), (parsed.Command, parsed.DataDirectory, parsed.ServerMode, parsed.BuildMode));
    }

    [Fact]
    public void Stop_with_M_immediate_means_the_immediate_shutdown_mode_as_gs_dropnode_passes_it()
    {
        var parsed = Parse("stop", "-D", "/opt/data/dn", "-M", "immediate");
        Assert.Equal(("immediate", null), (parsed.ShutdownMode, parsed.ServerMode));
    }

    [Fact]
    public void Attached_option_values_are_accepted()
    {
        var parsed = Parse("start", "-D/opt/data/dn", "-Mstandby");
        Assert.Equal(("/opt/data/dn", "standby"), (parsed.DataDirectory, parsed.ServerMode));
    }

    [Fact]
    public void The_data_directory_falls_back_to_PGDATA()
    {
        var parsed = GsCtlArguments.Parse(["query"], new Dictionary<string, string>(StringComparer.Ordinal) { ["PGDATA"] = "/srv/dn" }, out _)!;
        Assert.Equal("/srv/dn", parsed.DataDirectory);
    }

    [Theory]
    [InlineData("invalid option -- 'x'", "query", "-D", "/d", "-x")]
    [InlineData("invalid option -- 'N'", "reload", "-N", "all", "-D", "/d")]
    [InlineData("invalid option -- 'l'", "start", "-D", "/d", "-l", "log")]
    [InlineData("only -b full", "build", "-D", "/d", "-b", "incremental")]
    [InlineData("build -M primary is not supported", "build", "-D", "/d", "-M", "primary")]
    [InlineData("unrecognized server mode \"master\"", "start", "-D", "/d", "-M", "master")]
    [InlineData("unrecognized shutdown mode \"slow\"", "stop", "-D", "/d", "-m", "slow")]
    [InlineData("no database directory specified", "query")]
    [InlineData("unrecognized operation mode \"switchover\"", "switchover", "-D", "/d")]
    [InlineData("no operation specified", "-D", "/d")]
    [InlineData("option requires an argument -- 'D'", "query", "-D")]
    public void Options_the_reference_does_not_use_are_rejected(string message, params string[] args)
    {
        var error = Assert.Throws<KitException>(() => GsCtlArguments.Parse(args, NoEnvironment, out _));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_and_version_are_special()
    {
        Assert.Null(GsCtlArguments.Parse(["-V"], NoEnvironment, out var version));
        Assert.Equal("version", version);
        Assert.Null(GsCtlArguments.Parse(["--help"], NoEnvironment, out var help));
        Assert.Equal("help", help);
    }
}
