using OpenGaussScale.Core.Model;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenGaussScale.Core.State;

/// <summary>
/// The journal's first line: enough to run the same request again (resume) or undo it (rollback). No secrets.
/// Written and read as this one type: a field a journal lacks (or names otherwise) makes the journal refused, never
/// read as "". The fields of one operation only are null in the other's record (and so absent from its line).
/// </summary>
public sealed record RunRecord
{
    public const string Expand = "expand";

    public const string Dropnode = "dropnode";

    /// <summary>What a dropnode that read its cluster from the primary's own tools records as its topology.</summary>
    public const string LiveTopology = "live cluster (gs_om -t status --detail)";

    public required string Operation { get; init; }

    public required string Engine { get; init; }

    /// <summary>expand: the full path of its -X file.</summary>
    public string? Xml { get; init; }

    /// <summary>dropnode: the full path of its -X file, or <see cref="LiveTopology"/>.</summary>
    public string? Topology { get; init; }

    public required IReadOnlyList<string> Hosts { get; init; }

    public required string User { get; init; }

    public required string Group { get; init; }

    /// <summary>expand: -L.</summary>
    public bool? LocalMode { get; init; }

    /// <summary>dropnode: --restart-primary.</summary>
    public bool? RestartPrimary { get; init; }

    /// <summary>expand on openGauss: --package (null when none was needed).</summary>
    public string? PackageDirectory { get; init; }

    public required int TimeoutSeconds { get; init; }

    /// <summary>expand: --stall-time-out (null in the journal of an ogscale that had no such option).</summary>
    public int? StallTimeoutSeconds { get; init; }

    /// <summary>expand: --parallel, as the run used it.</summary>
    public int? Parallelism { get; init; }

    public required string EnvironmentFile { get; init; }

    public required string ControlHost { get; init; }

    public required string RunningUser { get; init; }

    public required int Pid { get; init; }

    /// <summary>Where the run kept its journal on the primary; empty in the record of an ogscale that did not say.</summary>
    public string PrimaryJournal { get; init; } = "";

    /// <summary>expand on openGauss: --hba-method, when given.</summary>
    public string? HbaMethod { get; init; }

    /// <summary>The cluster XML the run read (null: a dropnode that read the live cluster).</summary>
    [JsonIgnore]
    public string? XmlFile => (Operation == Expand ? Xml : Topology) is { } path && path.StartsWith('/') ? path : null;

    public static RunRecord From(ExpandRequest request, string engine, LockInfo owner)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Common(Expand, engine, owner, request.Hosts, request.User, request.Group, request.Timeout, request.EnvironmentFile) with
        {
            Xml = Path.GetFullPath(request.Config.FilePath),
            StallTimeoutSeconds = (int)request.StallTimeout.TotalSeconds,
            LocalMode = request.LocalMode,
            PackageDirectory = request.PackageDirectory,
            Parallelism = request.Parallelism,
            HbaMethod = request.HbaMethod,
        };
    }

    public static RunRecord From(DropnodeRequest request, string engine, LockInfo owner)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Common(Dropnode, engine, owner, request.Hosts, request.User, request.Group, request.Timeout, request.EnvironmentFile) with
        {
            Topology = request.LiveTopology ? LiveTopology : Path.GetFullPath(request.Config.FilePath),
            RestartPrimary = request.RestartPrimary,
        };
    }

    /// <summary>The record of a journal's first line; one that lacks a field of its operation is refused.</summary>
    /// <exception cref="InvalidDataException">Not the run record of an expand or dropnode this ogscale wrote.</exception>
    public static RunRecord Read(JsonElement data, string path)
    {
        var operation = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("operation", out var op) && op.ValueKind == JsonValueKind.String ? op.GetString() : null;
        if (operation is not (Expand or Dropnode))
        {
            throw new InvalidDataException($"{path}: the journal records a '{operation}' run; resume and rollback know expand and dropnode");
        }

        RunRecord? record;
        try
        {
            record = data.Deserialize<RunRecord>(ReadOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: the run record on its first line is incomplete or not ogscale's ({ex.Message})", ex);
        }

        var missing = record is null ? "everything" : Missing(record);
        return missing is null ? record! : throw new InvalidDataException($"{path}: the {operation} run record on its first line has no {missing}");
    }

    private static RunRecord Common(
        string operation, string engine, LockInfo owner, IReadOnlyList<string> hosts, string user, string group, TimeSpan timeout, string environmentFile)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new()
        {
            Operation = operation,
            Engine = engine,
            Hosts = hosts,
            User = user,
            Group = group,
            TimeoutSeconds = (int)timeout.TotalSeconds,
            EnvironmentFile = environmentFile,
            ControlHost = owner.ControlHost,
            RunningUser = owner.User,
            Pid = owner.Pid,
            PrimaryJournal = owner.Journal ?? "",
        };
    }

    private static string? Missing(RunRecord record) => record.Operation == Expand
        ? record.Xml is null ? "xml" : record.LocalMode is null ? "localMode" : record.Parallelism is null ? "parallelism" : null
        : record.Topology is null ? "topology" : record.RestartPrimary is null ? "restartPrimary" : null;

    // The journal's own options, strict: required members must be there and no non-nullable one may be null.
    private static readonly JsonSerializerOptions ReadOptions = new(JournalEntry.Json) { RespectNullableAnnotations = true };
}
