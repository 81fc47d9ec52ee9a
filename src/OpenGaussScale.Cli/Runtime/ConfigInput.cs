using OpenGaussScale.Cli.Rendering;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Cli.Runtime;

/// <summary>Reads the -X file for a verb: warnings and errors go to stderr as FILE:LINE lines; an invalid file is a usage error.</summary>
internal static class ConfigInput
{
    public static async Task<ClusterConfig> LoadAsync(FileInfo file, TextWriter stderr, bool showWarnings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var result = ClusterConfigLoader.Load(file.ToString());
        var shown = showWarnings ? result.Diagnostics : [.. result.Errors];
        await DiagnosticWriter.WriteAsync(stderr, shown, cancellationToken).ConfigureAwait(false);
        var errors = result.Errors.Count();
        return result.Config ?? throw new OgscaleException(
            $"{file}: the cluster XML is not valid ({errors} {(errors == 1 ? "error" : "errors")} above); nothing was changed",
            $"run `ogscale config validate -X {ShellQuote.Quote(file.ToString())}` for the details",
            ExitCodes.Usage);
    }
}
