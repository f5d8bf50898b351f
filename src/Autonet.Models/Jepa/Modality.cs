namespace Autonet.Models.Jepa;

/// <summary>What a JEPA model reads: images (I-JEPA over patches) or byte-token text (text JEPA over spans).</summary>
public enum Modality
{
    Image,
    Text,
}
