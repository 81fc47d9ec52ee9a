using OpenGaussScale.Core.Errors;

namespace OpenGaussScale.Playground.Engines;

/// <summary>The --engine names and the engine each one means.</summary>
public static class PlaygroundEngines
{
    public const string OpenGauss = "opengauss";
    public const string PostgreSql = "postgresql";

    public static readonly IReadOnlyList<string> Names = [OpenGauss, PostgreSql];

    /// <summary>The engine, or a usage error (exit 2) for an unknown name.</summary>
    public static IPlaygroundEngine Create(string name) => name switch
    {
        PostgreSql => new PostgresEngine(),
        OpenGauss => new OpenGaussEngine(),
        _ => throw new OgscaleException($"unknown engine '{name}'", $"use --engine {string.Join(" or --engine ", Names)}", ExitCodes.Usage),
    };
}
