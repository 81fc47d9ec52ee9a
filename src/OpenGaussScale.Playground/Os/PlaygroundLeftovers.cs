using OpenGaussScale.Playground.Text;

namespace OpenGaussScale.Playground.Os;

/// <summary>
/// What a playground leaves machine-wide (its cgroup tree and nft table), found without knowing its DIR. A
/// playground whose processes were all killed at once (the machine's session ended, an OOM kill of the whole
/// group) leaves both behind with nobody to run `down`; `up` tells that apart from a running one by the processes.
/// </summary>
public sealed record PlaygroundLeftovers(string CgroupParent, IReadOnlyList<string> Cgroups, bool NftTable, IReadOnlyList<int> Processes)
{
    public bool Any => Cgroups.Count > 0 || NftTable;

    public bool Running => Processes.Count > 0;

    public static async Task<PlaygroundLeftovers> FindAsync(string cgroupRoot, CancellationToken cancellationToken)
    {
        var parent = Path.Combine(cgroupRoot, Os.Cgroups.ParentName);

        // Children first, so removing them in this order empties the tree.
        IReadOnlyList<string> cgroups = Directory.Exists(parent)
            ? [.. Directory.EnumerateDirectories(parent, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length), parent]
            : [];
        var processes = cgroups.SelectMany(Os.Cgroups.Processes).Order().ToList();
        var table = await Nftables.TableExistsAsync(NftRulesetText.TableName, cancellationToken).ConfigureAwait(false);
        return new PlaygroundLeftovers(parent, cgroups, table, processes);
    }

    public string Describe() =>
        string.Join(" and ", new[] { Cgroups.Count > 0 ? $"cgroup {CgroupParent}" : null, NftTable ? $"nft table ip {NftRulesetText.TableName}" : null }.OfType<string>());

    /// <summary>Removes the leftovers of a playground with no process left; false when a cgroup would not go.</summary>
    public async Task<bool> RemoveAsync(CancellationToken cancellationToken)
    {
        if (Running)
        {
            throw new InvalidOperationException("a running playground is not a leftover");
        }

        await Nftables.DeleteTableAsync(NftRulesetText.TableName, cancellationToken).ConfigureAwait(false);
        foreach (var cgroup in Cgroups)
        {
            if (!await Os.Cgroups.RemoveAsync(cgroup, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }
}
