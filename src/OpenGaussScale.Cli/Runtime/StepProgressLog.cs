using OpenGaussScale.Core.Execution;
using Serilog;

namespace OpenGaussScale.Cli.Runtime;

/// <summary>Step progress as log lines on stderr: one when a step starts, one when it ends with its time or error.</summary>
internal sealed class StepProgressLog(ILogger log) : IProgress<StepEvent>
{
    public void Report(StepEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.IsStart)
        {
            log.Information("{Step}: {Title}", value.StepId, value.Title);
            return;
        }

        switch (value.Status)
        {
            case StepStatus.Done:
                log.Information("{Step}: done in {Seconds:0.0} s", value.StepId, value.Elapsed.TotalSeconds);
                break;
            case StepStatus.AlreadyDone:
                // A resumed run says why it does not redo a step the journal marks done.
                log.Information("{Step}: {Note}", value.StepId, value.Message ?? "already done");
                break;
            case StepStatus.Skipped:
                log.Warning("{Step}: skipped, a step it needs did not succeed", value.StepId);
                break;
            default:
                log.Error("{Step}: {Status}: {Message}", value.StepId, value.Status, value.Message);
                break;
        }
    }
}
