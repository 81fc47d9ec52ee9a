namespace OpenGaussScale.Core.Remote;

/// <summary>
/// The one way ogscale writes a whole file on a node: stdin into a temporary file next to it, flushed to disk, then
/// renamed over the target, so a crash leaves either the old file or the new one, never half of one.
/// </summary>
public static class AtomicWrite
{
    /// <summary>sh -c script: $1 is the target path; the content comes on stdin.</summary>
    public const string Script =
        "umask 022; t=\"$1.ogscale-tmp\"; cat > \"$t\" && { sync \"$t\" 2>/dev/null || true; } && mv -f \"$t\" \"$1\"";
}
