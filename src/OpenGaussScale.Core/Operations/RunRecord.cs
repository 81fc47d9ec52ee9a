using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Operations;

/// <summary>The journal's first line: enough to run the same request again (resume) or undo it (rollback). No secrets.</summary>
public sealed record RunRecord(
    string Operation,
    string Engine,
    string Xml,
    IReadOnlyList<string> Hosts,
    string User,
    string Group,
    bool LocalMode,
    string? PackageDirectory,
    int TimeoutSeconds,
    int Parallelism,
    string EnvironmentFile,
    string ControlHost,
    string RunningUser,
    int Pid,
    string PrimaryJournal,
    string? HbaMethod = null)
{
    public static RunRecord From(ExpandRequest request, string engine, LockInfo owner)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(owner);
        return new RunRecord(
            "expand",
            engine,
            Path.GetFullPath(request.Config.FilePath),
            request.Hosts,
            request.User,
            request.Group,
            request.LocalMode,
            request.PackageDirectory,
            (int)request.Timeout.TotalSeconds,
            request.Parallelism,
            request.EnvironmentFile,
            owner.ControlHost,
            owner.User,
            owner.Pid,
            owner.Journal ?? "",
            request.HbaMethod);
    }
}
