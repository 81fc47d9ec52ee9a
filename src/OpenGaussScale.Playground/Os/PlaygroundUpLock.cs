using OpenGaussScale.Core.Errors;

namespace OpenGaussScale.Playground.Os;

/// <summary>
/// One `playground up` at a time on a machine: an exclusive advisory lock (flock, which .NET takes for
/// FileShare.None on Linux) held while up builds, released by the kernel when the process ends however it ends.
/// Without it, a second up could take the first one's new, still empty cgroups for a dead playground's leftovers.
/// </summary>
public static class PlaygroundUpLock
{
    public const string FilePath = "/run/ogscale-playground-up.lock";

    public static FileStream Take()
    {
        try
        {
            return new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new OgscaleException(
                $"another `ogscale-playground up` is running on this machine (it holds {FilePath})",
                "wait for it to finish, then run `ogscale-playground down --dir DIR` on its DIR first if you want this one instead",
                ExitCodes.PreconditionFailed,
                e);
        }
    }
}
