// What the X server said at connection setup (X11 protocol, §8 "Connection Setup"; encoding in Appendix B, "Connection
// Setup"): the image byte order, the pixmap formats (bits per pixel and scanline pad of each depth), and each screen's
// root window, size, depth and root visual's colour masks. Only what screen capture needs is kept.
namespace Autonet.Data.Screen;

/// <summary>One screen of the display (a SCREEN of the setup reply).</summary>
public sealed record X11Screen(uint Root, int Width, int Height, int RootDepth, uint RootVisual, uint RedMask, uint GreenMask, uint BlueMask);

/// <summary>The parts of a successful setup reply that capture uses.</summary>
public sealed record X11Setup(bool ImageMsbFirst, IReadOnlyDictionary<int, (int BitsPerPixel, int ScanlinePad)> Formats, IReadOnlyList<X11Screen> Screens, string Vendor);
