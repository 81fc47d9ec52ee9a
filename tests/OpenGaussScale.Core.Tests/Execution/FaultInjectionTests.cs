using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Waiting;

namespace OpenGaussScale.Core.Tests.Execution;

public sealed class FaultInjectionTests : IDisposable
{
    // Step ids no plan has, so the process-wide variables cannot touch another test's run.
    private const string PausedStep = "fault-injection-test-pause@127.0.0.99";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ogscale-pause-{Guid.NewGuid():N}");

    public FaultInjectionTests()
    {
        Environment.SetEnvironmentVariable(FaultInjection.PauseVariable, PausedStep);
        Environment.SetEnvironmentVariable(FaultInjection.PauseFileVariable, _file);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(FaultInjection.PauseVariable, null);
        Environment.SetEnvironmentVariable(FaultInjection.PauseFileVariable, null);
        File.Delete(_file);
    }

    [Fact]
    public async Task The_paused_step_waits_until_its_file_is_deleted()
    {
        var paused = FaultInjection.BeforeStepAsync(PausedStep, CancellationToken.None);

        Assert.True(await Poll.UntilAsync(_ => Task.FromResult(File.Exists(_file)), TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None));
        Assert.Equal(PausedStep + "\n", await File.ReadAllTextAsync(_file));
        Assert.False(paused.IsCompleted);

        File.Delete(_file);
        await paused.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Another_step_goes_on_without_a_pause_file()
    {
        await FaultInjection.BeforeStepAsync("slot@127.0.0.99", CancellationToken.None);

        Assert.False(File.Exists(_file));
    }

    [Fact]
    public async Task A_cancelled_run_stops_waiting()
    {
        using var cancel = new CancellationTokenSource();
        var paused = FaultInjection.BeforeStepAsync(PausedStep, cancel.Token);
        Assert.True(await Poll.UntilAsync(_ => Task.FromResult(File.Exists(_file)), TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => paused.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
