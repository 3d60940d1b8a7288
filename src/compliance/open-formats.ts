// Open or proprietary, by MIME type or file extension: art. 39.5 asks research data "en formato abierto"
// and 40.3 "en formatos abiertos". Open = a published specification anyone may implement without a licence
// (RFC, W3C, ISO/OASIS, or a community standard such as NetCDF/HDF5); proprietary = a vendor's own format.

export type FormatOpenness = 'open' | 'proprietary' | 'unknown'

const OPEN_EXTENSIONS = new Set([
  'csv', 'tsv', 'txt', 'json', 'jsonld', 'geojson', 'ndjson', 'xml', 'rdf', 'ttl', 'nt', 'nq', 'yaml', 'yml',
  'ods', 'odt', 'odp', 'odg', 'pdf', 'html', 'htm', 'md', 'tex', 'nc', 'netcdf', 'nc4', 'h5', 'hdf5', 'hdf', 'fits',
  'parquet', 'avro', 'arrow', 'feather', 'orc', 'sqlite', 'sql', 'png', 'tif', 'tiff', 'jpg', 'jpeg', 'jp2', 'svg',
  'gif', 'webp', 'flac', 'ogg', 'opus', 'wav', 'webm', 'mkv', 'mp4', 'gpx', 'kml', 'gml', 'shp', 'dbf', 'shx', 'prj',
  'gpkg', 'las', 'laz', 'fasta', 'fa', 'fastq', 'vcf', 'sam', 'bam', 'bed', 'gff', 'gtf', 'dcm', 'nii', 'zip', 'gz',
  'tar', '7z', 'bz2', 'xz', 'zst', 'r', 'py', 'ipynb', 'rmd', 'do', 'sps', 'c', 'java', 'js', 'ts', 'm', 'jl',
])

const PROPRIETARY_EXTENSIONS = new Set([
  'xls', 'xlsx', 'xlsm', 'xlsb', 'doc', 'docx', 'ppt', 'pptx', 'mdb', 'accdb', 'sav', 'zsav', 'por', 'dta', 'sas7bdat',
  'xpt', 'mat', 'fig', 'mtw', 'jmp', 'wf1', 'rdata', 'rda', 'rds', 'pzfx', 'opj', 'spv', 'nvp', 'atlproj', 'qdpx',
  'dwg', 'mxd', 'aprx', 'lyr', 'psd', 'ai', 'indd', 'numbers', 'pages', 'key', 'wpd', 'wma', 'wmv', 'rar', 'sdd',
])

const OPEN_MIME = /^(text\/|application\/(json|ld\+json|geo\+json|xml|rdf\+xml|x-ndjson|pdf|vnd\.oasis\.opendocument\.|x-netcdf|netcdf|x-hdf5?|vnd\.apache\.parquet|zip|gzip|x-tar|x-7z-compressed|x-bzip2|x-xz|zstd|fits|sql|x-sqlite3|vnd\.sqlite3|yaml|x-yaml|vnd\.geopackage\+sqlite3|x-ipynb\+json|dicom)|image\/(png|tiff|jpeg|jp2|svg\+xml|gif|webp)|audio\/(flac|ogg|wav|x-wav|webm|opus)|video\/(webm|mp4|ogg|x-matroska))/i
const PROPRIETARY_MIME = /^application\/(vnd\.ms-|vnd\.openxmlformats-officedocument\.|msword|x-msaccess|x-spss|x-stata|x-sas|x-matlab-data|vnd\.apple\.|x-rar|vnd\.rar|x-dwg|acad|vnd\.ms-excel|octet-stream\+mat)/i

/**
 * OOXML (xlsx, docx) is an ISO standard on paper but in practice a vendor format; CONCYTEC's open-data
 * guidance and the national open-data platform ask for CSV/ODS rather than spreadsheets, so it counts as proprietary here.
 */
export function classifyFormat(input: { mimeType?: string; name?: string; url?: string }): FormatOpenness {
  const ext = extensionOf(input.name) ?? extensionOf(input.url)
  if (ext && PROPRIETARY_EXTENSIONS.has(ext)) return 'proprietary'
  if (input.mimeType && PROPRIETARY_MIME.test(input.mimeType.trim())) return 'proprietary'
  if (ext && OPEN_EXTENSIONS.has(ext)) return 'open'
  if (input.mimeType && OPEN_MIME.test(input.mimeType.trim())) return 'open'
  return 'unknown'
}

function extensionOf(value: string | undefined): string | null {
  if (!value) return null
  const path = value.split(/[?#]/)[0]!
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(path)
  return match ? match[1]!.toLowerCase() : null
}
