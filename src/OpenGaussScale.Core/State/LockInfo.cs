using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenGaussScale.Core.State;

/// <summary>What the cluster lock file on the primary says about the run that holds it.</summary>
public sealed record LockInfo
{
    /// <summary>expand, dropnode, resume, rollback.</summary>
    public required string Operation { get; init; }

    /// <summary>The OS user ogscale runs as.</summary>
    public required string User { get; init; }

    /// <summary>The host name of the machine ogscale runs on.</summary>
    public required string ControlHost { get; init; }

    public required int Pid { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Unique per run; the journal and the lock name it.</summary>
    public required string RunId { get; init; }

    /// <summary>The journal file of that run on the primary.</summary>
    public string? Journal { get; init; }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a lock file's text; null when it is not a lock ogscale wrote.</summary>
    public static LockInfo? TryParse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<LockInfo>(text, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>"expand by root on ognode1 (pid 4242) since 2026-11-25 23:10:42Z".</summary>
    public string Describe() =>
        $"{Operation} by {User} on {ControlHost} (pid {Pid}) since {StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z";
}
