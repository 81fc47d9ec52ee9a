using OpenGaussScale.Core.Errors;

namespace OpenGaussScale.Playground.Os;

/// <summary>Loads, checks and deletes the playground's nftables table (family ip).</summary>
public static class Nftables
{
    public static async Task LoadAsync(string rulesFile, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(["nft", "-f", rulesFile], TimeSpan.FromSeconds(30), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new OgscaleException(
                $"nft rejected the playground's rules in {rulesFile}: {result.Tail()}",
                "the kernel needs nftables with nat and `socket cgroupv2` support (nft_socket, nft_nat modules)",
                ExitCodes.PreconditionFailed);
        }
    }

    /// <summary>
    /// True when the table is loaded. Without the nft program there is none of ours: `up` installs nftables before it
    /// loads a table, so `down` and `status` on a machine that never had nft report nothing instead of failing.
    /// </summary>
    public static async Task<bool> TableExistsAsync(string table, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.TryRunAsync(["nft", "list", "table", "ip", table], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        return result is { Succeeded: true };
    }

    /// <summary>Deletes the table; true when it existed.</summary>
    public static async Task<bool> DeleteTableAsync(string table, CancellationToken cancellationToken)
    {
        if (!await TableExistsAsync(table, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await ProcessRunner.RunCheckedAsync(["nft", "delete", "table", "ip", table], $"deleting the nft table {table}", TimeSpan.FromSeconds(30), cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }
}
