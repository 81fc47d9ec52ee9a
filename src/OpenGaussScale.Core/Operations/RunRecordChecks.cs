using OpenGaussScale.Core.Engines.OpenGauss;
using OpenGaussScale.Core.Preflight;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Operations;

/// <summary>
/// What resume checks in the run a journal records before it goes on: the values the command line would have refused
/// (<see cref="InvocationChecks"/>, each problem named by its option), so a journal edited by hand goes no further
/// than the same command typed would.
/// </summary>
public static class RunRecordChecks
{
    /// <param name="xml">The XML the resumed run reads (the record's, or -X given to resume); null: the live cluster.</param>
    public static IEnumerable<string> Problems(RunRecord run, string? xml)
    {
        ArgumentNullException.ThrowIfNull(run);
        string?[] problems =
        [
            InvocationChecks.NameProblem("-U", run.User, "user", "the cluster's OS user", "omm"),
            InvocationChecks.NameProblem("-G", run.Group, "group", "that user's primary group", "dbgrp"),
            xml is null ? null : InvocationChecks.FileProblem("-X", xml),
            run.Hosts.Count == 0 ? "-h names no host (GAUSS-35701): give the hosts' backIp1 addresses, comma-separated" : null,
            .. run.Hosts.Select(h => InvocationChecks.UnsafeValueProblem("-h", h)),
            InvocationChecks.TimeoutProblem(run.TimeoutSeconds),
            run.StallTimeoutSeconds is { } stall ? InvocationChecks.TimeoutProblem(stall, "--stall-time-out") : null,
            run.Parallelism is { } steps ? InvocationChecks.ParallelismProblem(steps) : null,
            InvocationChecks.OneOfProblem("--engine", run.Engine, [EngineDetection.OpenGauss, EngineDetection.PostgreSql]),
            run.HbaMethod is { } method ? InvocationChecks.OneOfProblem("--hba-method", method, HbaEntry.Methods) : null,
            run.EnvironmentFile == EnvironmentFileChoice.UserBashrc ? null : InvocationChecks.EnvironmentFileProblem("--env-file", run.EnvironmentFile),
        ];
        return problems.OfType<string>();
    }
}
