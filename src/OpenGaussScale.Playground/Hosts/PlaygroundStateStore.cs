using OpenGaussScale.Core.Errors;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenGaussScale.Playground.Hosts;

/// <summary>Reads and writes DIR/playground.json (written to a temporary name and renamed, so it is never half written).</summary>
public static class PlaygroundStateStore
{
    public static PlaygroundState? TryLoad(PlaygroundLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!File.Exists(layout.StateFile))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(layout.StateFile), StateJsonContext.Default.PlaygroundState);
        }
        catch (JsonException e)
        {
            throw new OgscaleException(
                $"the state file {layout.StateFile} cannot be read: {e.Message}",
                "see docs/playground.md, section \"cleaning up by hand\"",
                ExitCodes.PreconditionFailed,
                e);
        }
    }

    /// <summary>The state of the playground in DIR, or a clear error when there is none.</summary>
    public static PlaygroundState Load(PlaygroundLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return TryLoad(layout) ?? throw new OgscaleException(
            $"there is no playground in {layout.Dir} ({layout.StateFile} does not exist)",
            $"start one with `ogscale-playground up --dir {layout.Dir}`, or pass the --dir it was started with",
            ExitCodes.PreconditionFailed);
    }

    public static void Save(PlaygroundLayout layout, PlaygroundState state)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var temporary = layout.StateFile + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state, StateJsonContext.Default.PlaygroundState) + "\n");
        File.Move(temporary, layout.StateFile, overwrite: true);
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PlaygroundState))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
