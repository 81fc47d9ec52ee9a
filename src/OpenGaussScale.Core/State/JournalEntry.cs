using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenGaussScale.Core.State;

/// <summary>The events a journal line records.</summary>
public static class JournalEvents
{
    /// <summary>First line: who runs what (the request, without secrets).</summary>
    public const string Run = "run";

    /// <summary>The plan's step ids, in order.</summary>
    public const string Plan = "plan";

    public const string Started = "started";

    /// <summary>A change a step made, with what it replaced (so it can be undone).</summary>
    public const string Change = "change";

    public const string Done = "done";

    public const string Failed = "failed";

    /// <summary>A step found its effect already present and did nothing.</summary>
    public const string AlreadyDone = "already-done";

    /// <summary>A change was undone (rollback or automatic undo).</summary>
    public const string Undone = "undone";

    /// <summary>Last line: the outcome and exit code.</summary>
    public const string Finished = "finished";
}

/// <summary>
/// One change made on a node, recorded before or as it is made, with what is needed to undo it.
/// Kinds: setting (Name, OldValue, NewValue), hba (NewValue = the rule added, OldValue = the rule removed),
/// file (Path, BackupPath), slot (Name; NewValue "created" or OldValue "dropped"), directory (Path created),
/// package (Path placed), process (Name started or stopped).
/// </summary>
public sealed record ChangeRecord
{
    public required string Kind { get; init; }

    /// <summary>The node's backIp.</summary>
    public required string Host { get; init; }

    public string? Name { get; init; }

    public string? OldValue { get; init; }

    public string? NewValue { get; init; }

    public string? Path { get; init; }

    public string? BackupPath { get; init; }
}

/// <summary>One line of a journal.</summary>
public sealed record JournalEntry
{
    [JsonPropertyName("t")]
    public required DateTimeOffset Time { get; init; }

    public required string Event { get; init; }

    public string? RunId { get; init; }

    public string? Step { get; init; }

    public string? Host { get; init; }

    public ChangeRecord? Change { get; init; }

    public string? Message { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>Free-form details (the request on the run line, the step ids on the plan line).</summary>
    public JsonElement? Data { get; init; }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    public string ToJsonLine() => JsonSerializer.Serialize(this, Json);

    public static JournalEntry? TryParse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<JournalEntry>(line, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
