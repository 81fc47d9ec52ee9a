namespace OpenGaussScale.Playground.Hosts;

/// <summary>
/// Who may log in where: on every host, root's (and omm's) authorized_keys hold the control key and the root (omm)
/// keys of every trusted host, so root->root and omm->omm work among all hosts. A host left out (--no-trust) keeps
/// only the control key and its own key, and its key is on no other host.
/// </summary>
public static class TrustPlan
{
    /// <param name="host">the host whose authorized_keys this is.</param>
    /// <param name="userKeys">each host's public key of the user (root or omm).</param>
    /// <param name="controlKey">the control machine's public key.</param>
    /// <param name="noTrust">hosts left out of the mutual trust.</param>
    public static IReadOnlyList<string> AuthorizedKeys(int host, IReadOnlyDictionary<int, string> userKeys, string controlKey, IReadOnlyCollection<int> noTrust)
    {
        ArgumentNullException.ThrowIfNull(userKeys);
        ArgumentNullException.ThrowIfNull(noTrust);
        var trusted = noTrust.Contains(host)
            ? userKeys.Where(k => k.Key == host)
            : userKeys.Where(k => !noTrust.Contains(k.Key));
        return [controlKey, .. trusted.OrderBy(k => k.Key).Select(k => k.Value)];
    }
}
