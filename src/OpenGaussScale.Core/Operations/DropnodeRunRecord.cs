using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Operations;

/// <summary>The first journal line of a dropnode run: enough to understand and undo it. No secrets.</summary>
public sealed record DropnodeRunRecord(
    string Operation,
    string Engine,
    string Topology,
    IReadOnlyList<string> Hosts,
    string User,
    string Group,
    bool RestartPrimary,
    int TimeoutSeconds,
    string EnvironmentFile,
    string ControlHost,
    string RunningUser,
    int Pid,
    string PrimaryJournal)
{
    public static DropnodeRunRecord From(DropnodeRequest request, string engine, LockInfo owner)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(owner);
        return new DropnodeRunRecord(
            "dropnode",
            engine,
            request.LiveTopology ? "live cluster (gs_om -t status --detail)" : Path.GetFullPath(request.Config.FilePath),
            request.Hosts,
            request.User,
            request.Group,
            request.RestartPrimary,
            (int)request.Timeout.TotalSeconds,
            request.EnvironmentFile,
            owner.ControlHost,
            owner.User,
            owner.Pid,
            owner.Journal ?? "");
    }
}
