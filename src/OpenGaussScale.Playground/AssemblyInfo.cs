using System.Runtime.Versioning;

// The playground drives Linux only (namespaces, cgroup v2, nftables); callers check OperatingSystem.IsLinux() first.
[assembly: SupportedOSPlatform("linux")]
