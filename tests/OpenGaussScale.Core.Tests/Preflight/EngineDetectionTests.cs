using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Preflight;
using OpenGaussScale.Core.Tests.Fakes;

namespace OpenGaussScale.Core.Tests.Preflight;

/// <summary>--engine auto asks the primary, as the cluster user with the user's environment file, which tools it has.</summary>
public sealed class EngineDetectionTests
{
    private static readonly ClusterConfig Cluster = TestContexts.Cluster("10.0.0.1", "10.0.0.2");

    [Theory]
    [InlineData("opengauss\n", "opengauss")]
    [InlineData("postgresql\n", "postgresql")]
    public async Task The_primary_says_which_engine_it_runs(string answer, string engine)
    {
        var shells = new ScriptedShells((_, _, _) => ScriptedShells.Ok(answer));

        Assert.Equal(engine, await EngineDetection.DetectAsync(Cluster, shells, "omm", "/home/omm/env", CancellationToken.None));

        var (host, user, command) = Assert.Single(shells.Log);
        Assert.Equal(("10.0.0.1", "omm", "/home/omm/env"), (host, user, command.EnvironmentFile));
        Assert.Equal(["sh", "-c"], command.Argv.Take(2));
    }

    [Fact]
    public async Task Neither_tool_on_the_path_is_a_precondition_failure_naming_the_environment_file()
    {
        var shells = new ScriptedShells((_, _, _) => ScriptedShells.Ok("none\n"));

        var error = await Assert.ThrowsAsync<OgscaleException>(() => EngineDetection.DetectAsync(Cluster, shells, "omm", "~/.bashrc", CancellationToken.None));

        Assert.StartsWith("node1: neither gs_ctl nor pg_ctl is on omm's PATH after sourcing ~/.bashrc", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.PreconditionFailed, error.ExitCode);
    }
}
