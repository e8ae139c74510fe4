using System.Runtime.InteropServices;

namespace LlmIngest.Diagnostics;

/// <summary>
/// A count alone on its cache line (128 bytes: two 64-byte lines, since adjacent-line prefetch pairs them), so cores
/// incrementing neighbouring counts do not invalidate each other's line.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedCount
{
    [FieldOffset(64)]
    public long Value;
}
