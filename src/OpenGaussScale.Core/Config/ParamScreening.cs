using OpenGaussScale.Core.Validation;

namespace OpenGaussScale.Core.Config;

/// <summary>
/// The first pass over every PARAM: names openGauss 6.0 does not accept and values with refused characters are
/// reported and dropped, so the later checks only see PARAMs they can interpret (and do not pile up follow-on errors).
/// </summary>
internal static class ParamScreening
{
    private static readonly string RefusedHint =
        $"remove it: {string.Join(' ', SafeText.UnsafeCharacters.ToCharArray())} and control characters are refused in cluster XML values (openGauss refuses them too)";

    public static ParamSection Screen(ParamSection section, bool isCluster, DiagnosticBag bag)
    {
        var kept = new List<XmlParam>();
        var rejected = new HashSet<string>(section.Rejected, StringComparer.Ordinal);
        foreach (var param in section.Params)
        {
            if (!(isCluster ? ParamNames.IsCluster(param.Name) : ParamNames.IsDevice(param.Name)))
            {
                ReportUnknownName(param, isCluster, bag);

                // `clustername` is clusterName misspelt: one error for it, not a second "missing clusterName".
                var allowed = isCluster ? ParamNames.Cluster : ParamNames.Device;
                if (Array.Find(allowed, a => string.Equals(a, param.Name, StringComparison.OrdinalIgnoreCase)) is string meant)
                {
                    rejected.Add(meant);
                }

                continue;
            }

            if (isCluster && string.Equals(param.Name, "password", StringComparison.Ordinal))
            {
                // openGauss skips it too. Its value is never kept, checked or shown.
                bag.Warning(param.Line, "parameter password is ignored", "remove it: a password does not belong in the cluster XML, and ogscale never reads it");
                continue;
            }

            if (UnsafeValueRule.FindUnsafe(param.Name, param.Value) is char c)
            {
                var exempt = UnsafeValueRule.ExemptCharacters(param.Name);
                bag.Error(
                    param.Line,
                    $"the value of {param.Name} contains {SafeText.Describe(c)}, which is not allowed",
                    exempt.Length == 0 ? RefusedHint : $"{RefusedHint}; only {string.Join(' ', exempt.ToCharArray())} are allowed in {param.Name}, for its syntax");
                rejected.Add(param.Name);
                continue;
            }

            kept.Add(param);
        }

        return section with { Params = kept, Rejected = rejected };
    }

    private static void ReportUnknownName(XmlParam param, bool isCluster, DiagnosticBag bag)
    {
        var (kind, allowed) = isCluster ? ("CLUSTER", ParamNames.Cluster) : ("DEVICE", ParamNames.Device);
        string hint;
        if (ParamNames.Retired.TryGetValue(param.Name, out var retired))
        {
            hint = retired;
        }
        else if (isCluster ? ParamNames.IsDevice(param.Name) : ParamNames.IsCluster(param.Name))
        {
            hint = isCluster
                ? $"{param.Name} is a DEVICE parameter: move it into the <DEVICE> of the host it describes"
                : $"{param.Name} is a CLUSTER parameter: move it into <CLUSTER>";
        }
        else
        {
            var close = ParamNames.Closest(param.Name, allowed);
            hint = close.Count > 0
                ? $"did you mean {string.Join(" or ", close)}? (openGauss 6.0 refuses unknown parameters too: GAUSS-51258)"
                : $"the {kind} parameters openGauss 6.0 accepts are listed in docs/config.md (openGauss refuses others too: GAUSS-51258)";
        }

        bag.Error(param.Line, $"parameter {DiagnosticText.Shown(param.Name)} is not a valid {kind} parameter", hint);
    }
}
