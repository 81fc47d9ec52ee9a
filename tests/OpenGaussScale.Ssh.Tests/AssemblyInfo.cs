using System.Runtime.Versioning;

// The remote layer's tests run on Linux (sshd, setsid, runuser, /proc); Windows-only APIs are never reached.
[assembly: SupportedOSPlatform("linux")]
