using OpenGaussScale.Cli.Runtime;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Waiting;

namespace OpenGaussScale.Cli.Tests.Runtime;

public sealed class EnvironmentFaultHookTests : IDisposable
{
    private const string PausedStep = "guc@127.0.0.12";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ogscale-pause-{Guid.NewGuid():N}");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task The_paused_step_waits_until_its_file_is_deleted()
    {
        var paused = PauseHook().BeforeStepAsync(PausedStep, CancellationToken.None);

        Assert.True(await Poll.UntilAsync(_ => Task.FromResult(File.Exists(_file)), TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None));
        Assert.Equal(PausedStep + "\n", await File.ReadAllTextAsync(_file));
        Assert.False(paused.IsCompleted);

        File.Delete(_file);
        await paused.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Another_step_goes_on_without_a_pause_file()
    {
        await PauseHook().BeforeStepAsync("slot@127.0.0.12", CancellationToken.None);

        Assert.False(File.Exists(_file));
    }

    [Fact]
    public async Task A_cancelled_run_stops_waiting()
    {
        using var cancel = new CancellationTokenSource();
        var paused = PauseHook().BeforeStepAsync(PausedStep, cancel.Token);
        Assert.True(await Poll.UntilAsync(_ => Task.FromResult(File.Exists(_file)), TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => paused.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("", "", "")]
    [InlineData(null, PausedStep, null)]
    public void Without_a_step_to_stop_at_the_run_gets_no_hook(string? faultAt, string? pauseAt, string? pauseFile)
    {
        var variables = new Dictionary<string, string?>
        {
            [EnvironmentFaultHook.FaultVariable] = faultAt,
            [EnvironmentFaultHook.PauseVariable] = pauseAt,
            [EnvironmentFaultHook.PauseFileVariable] = pauseFile,
        };

        Assert.Same(NoFaultHook.Instance, EnvironmentFaultHook.From(name => variables.GetValueOrDefault(name)));
    }

    [Fact]
    public async Task The_environment_is_read_once_when_the_hook_is_made()
    {
        var variables = new Dictionary<string, string?>
        {
            [EnvironmentFaultHook.PauseVariable] = PausedStep,
            [EnvironmentFaultHook.PauseFileVariable] = _file,
        };
        var hook = EnvironmentFaultHook.From(name => variables.GetValueOrDefault(name));
        variables[EnvironmentFaultHook.PauseVariable] = "other@127.0.0.12";

        await hook.BeforeStepAsync("other@127.0.0.12", CancellationToken.None);

        Assert.False(File.Exists(_file));
    }

    private IFaultHook PauseHook()
    {
        var variables = new Dictionary<string, string?>
        {
            [EnvironmentFaultHook.PauseVariable] = PausedStep,
            [EnvironmentFaultHook.PauseFileVariable] = _file,
        };
        return EnvironmentFaultHook.From(name => variables.GetValueOrDefault(name));
    }
}
