using OpenGaussScale.Core.Errors;
using System.Runtime.InteropServices;

namespace OpenGaussScale.Playground.Os;

/// <summary>The playground makes namespaces, cgroups, nftables rules and binds port 22: it needs root.</summary>
public static partial class Privileges
{
    public static void RequireRoot()
    {
        if (GetEffectiveUserId() != 0)
        {
            throw new OgscaleException(
                "the playground must run as root (it starts sshd on port 22, makes namespaces, cgroups and nftables rules)",
                "run it with sudo, or as root in a throw-away VM or container",
                ExitCodes.PreconditionFailed);
        }
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}
