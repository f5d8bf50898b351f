namespace Autonet.Models.Jepa;

/// <summary>
/// What a JEPA model reads: images (I-JEPA over patches), byte-token text (text JEPA over spans), or both (VL-JEPA:
/// image and text encoders fused by cross-attention; a sample may lack either modality).
/// </summary>
public enum Modality
{
    Image,
    Text,
    Multimodal,
}
