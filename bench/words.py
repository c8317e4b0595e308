"""Indonesian-like vocabulary for the synthetic corpus: names, topics, phrases.

Only data lives here; :mod:`bench.text` puts it together into titles, summaries
and bodies.
"""

FIRST_NAMES = (
    "Rini", "Agus", "Dewi", "Hendra", "Siti", "Budi", "Yulia", "Rudi", "Nur", "Fajar",
    "Indah", "Arif", "Wulan", "Dimas", "Ratna", "Eko", "Maya", "Bayu", "Lestari", "Andi",
    "Putri", "Yusuf", "Sari", "Teguh", "Melati", "Imam", "Nanda", "Rizky", "Citra", "Made",
    "Ketut", "Wayan", "Ayu", "Hamdani", "Sahrial", "Yohanes", "Maria", "Frans", "Lukas", "Rahmat",
)  # fmt: skip

LAST_NAMES = (
    "Oktaviani", "Saputra", "Lestari", "Wijaya", "Nugroho", "Rahmawati", "Hidayat", "Pratama",
    "Susanti", "Kurniawan", "Siregar", "Nasution", "Harahap", "Simanjuntak", "Panjaitan",
    "Tanjung", "Lubis", "Daulay", "Pardede", "Sinaga", "Wibowo", "Setiawan", "Permana",
    "Gunawan", "Syahputra", "Mahendra", "Utami", "Anggraini", "Purba", "Manurung",
    "Tambunan", "Rumbiak", "Wenda", "Latuconsina", "Pattimura", "Ratulangi", "Lasut",
    "Mandagi", "Daeng", "Saleh",
)  # fmt: skip

ROLES = (
    "Bupati", "Wakil Bupati", "Wali Kota", "Wakil Wali Kota", "Sekretaris Daerah",
    "Kepala Dinas Kesehatan", "Kepala Dinas Pendidikan", "Kepala Dinas Pekerjaan Umum",
    "Kepala Dinas Pertanian", "Kepala Dinas Perikanan", "Kepala Bappeda",
    "Kepala Dinas Sosial", "Kepala Dinas Pariwisata", "Kepala BPBD", "Camat",
    "Kepala Desa", "Ketua DPRD", "Kepala Dinas Koperasi dan UKM",
)  # fmt: skip

WITNESSES = (
    "seorang warga", "ketua kelompok tani", "pedagang pasar", "kader posyandu",
    "ketua RT setempat", "nelayan", "guru honorer", "pelaku UMKM", "pengemudi ojek",
    "tokoh pemuda", "bidan desa", "petugas kebersihan",
)  # fmt: skip

# (slug, name, description, aliases) of the generated topic registry.
TOPICS = (
    ("pemerintahan", "Pemerintahan", "Penyelenggaraan pemerintahan daerah.", ("pemda",)),
    ("rakor", "Rapat Koordinasi", "Rapat koordinasi antarinstansi.", ("rapat koordinasi",)),
    ("pembangunan-daerah", "Pembangunan Daerah", "Perencanaan dan evaluasi pembangunan.",
     ("musrenbang", "perencanaan pembangunan")),
    ("kemiskinan", "Kemiskinan", "Program penanggulangan kemiskinan.", ("kemiskinan ekstrem",)),
    ("ketenagakerjaan", "Ketenagakerjaan", "Pelatihan dan penempatan kerja.", ("tenaga kerja",)),
    ("pelayanan-publik", "Pelayanan Publik", "Mutu layanan pemerintah.", ("layanan publik",)),
    ("perizinan", "Perizinan", "Izin usaha dan izin bangunan.", ("izin usaha",)),
    ("kesehatan", "Kesehatan", "Layanan dan program kesehatan masyarakat.", ("layanan kesehatan",)),
    ("stunting", "Stunting", "Pencegahan stunting pada anak.", ("gizi anak",)),
    ("posyandu", "Posyandu", "Pos pelayanan terpadu di desa.", ()),
    ("pendidikan", "Pendidikan", "Sekolah, guru dan beasiswa.", ("sekolah",)),
    ("beasiswa", "Beasiswa", "Bantuan biaya pendidikan.", ()),
    ("infrastruktur", "Infrastruktur", "Jalan, jembatan dan bangunan publik.", ("jalan",)),
    ("jembatan", "Jembatan", "Pembangunan dan perbaikan jembatan.", ()),
    ("air-bersih", "Air Bersih", "Penyediaan air minum dan sanitasi.", ("air minum", "pdam")),
    ("sanitasi", "Sanitasi", "Sanitasi dan pengelolaan limbah.", ()),
    ("pertanian", "Pertanian", "Tanaman pangan dan hortikultura.", ("petani",)),
    ("irigasi", "Irigasi", "Jaringan irigasi dan bendungan.", ()),
    ("ketahanan-pangan", "Ketahanan Pangan", "Ketersediaan pangan dan harga.",
     ("pangan", "cadangan pangan")),
    ("perikanan", "Perikanan", "Perikanan tangkap dan budi daya.", ("nelayan",)),
    ("kelautan", "Kelautan", "Pesisir dan laut.", ("pesisir",)),
    ("peternakan", "Peternakan", "Ternak dan kesehatan hewan.", ("ternak",)),
    ("perkebunan", "Perkebunan", "Sawit, karet, kopi dan lada.", ("kebun",)),
    ("pariwisata", "Pariwisata", "Destinasi dan event wisata.", ("wisata",)),
    ("kebudayaan", "Kebudayaan", "Seni, adat dan cagar budaya.", ("budaya", "seni budaya")),
    ("umkm", "UMKM", "Usaha mikro, kecil dan menengah.", ("usaha mikro",)),
    ("koperasi", "Koperasi", "Koperasi dan kredit usaha rakyat.", ("kur",)),
    ("investasi", "Investasi", "Penanaman modal di daerah.", ("penanaman modal",)),
    ("perdagangan", "Perdagangan", "Pasar dan harga kebutuhan pokok.", ("pasar",)),
    ("industri", "Industri", "Industri kecil dan menengah.", ()),
    ("energi", "Energi", "Listrik desa dan energi terbarukan.", ("listrik",)),
    ("lingkungan-hidup", "Lingkungan Hidup", "Lingkungan, hutan dan sampah.", ("lingkungan",)),
    ("sampah", "Sampah", "Pengelolaan sampah dan TPA.", ("tpa",)),
    ("kebencanaan", "Kebencanaan", "Kesiapsiagaan dan penanganan bencana.",
     ("bencana", "banjir")),
    ("kebakaran-hutan", "Kebakaran Hutan", "Kebakaran hutan dan lahan.", ("karhutla",)),
    ("transportasi", "Transportasi", "Angkutan umum, pelabuhan dan bandara.", ("angkutan",)),
    ("perhubungan", "Perhubungan", "Lalu lintas dan perhubungan.", ("lalu lintas",)),
    ("telekomunikasi", "Telekomunikasi", "Jaringan internet dan sinyal.", ("internet desa",)),
    ("digitalisasi", "Digitalisasi", "Layanan digital pemerintah.", ("smart city", "spbe")),
    ("keuangan-daerah", "Keuangan Daerah", "APBD dan pendapatan daerah.", ("apbd",)),
    ("pajak-daerah", "Pajak Daerah", "Pajak dan retribusi daerah.", ("pbb", "retribusi")),
    ("dana-desa", "Dana Desa", "Dana desa dan alokasi dana desa.", ("add", "apbdes")),
    ("bumdes", "BUMDes", "Badan usaha milik desa.", ("badan usaha milik desa",)),
    ("desa", "Desa", "Pemerintahan dan pembangunan desa.", ("pemerintahan desa",)),
    ("kependudukan", "Kependudukan", "Administrasi kependudukan.", ("dukcapil", "ktp")),
    ("sosial", "Sosial", "Bantuan sosial dan perlindungan sosial.", ("bansos",)),
    ("perlindungan-anak", "Perlindungan Anak", "Hak dan perlindungan anak.", ("anak",)),
    ("pemberdayaan-perempuan", "Pemberdayaan Perempuan", "Kesetaraan gender.", ("gender",)),
    ("kepemudaan", "Kepemudaan", "Pemuda dan olahraga.", ("pemuda",)),
    ("olahraga", "Olahraga", "Pembinaan olahraga daerah.", ()),
    ("keamanan", "Keamanan", "Ketertiban umum dan keamanan.", ("ketertiban",)),
    ("pemilu", "Pemilu", "Pemilihan umum dan pilkada.", ("pilkada",)),
    ("hukum", "Hukum", "Peraturan daerah dan bantuan hukum.", ("perda",)),
    ("transparansi", "Transparansi", "Keterbukaan informasi publik.", ("ppid",)),
    ("aparatur", "Aparatur", "ASN dan reformasi birokrasi.", ("asn",)),
    ("perumahan", "Perumahan", "Rumah layak huni dan permukiman.", ("rumah layak huni",)),
    ("tata-ruang", "Tata Ruang", "Rencana tata ruang wilayah.", ("rtrw",)),
    ("kehutanan", "Kehutanan", "Hutan dan perhutanan sosial.", ("hutan",)),
    ("pertambangan", "Pertambangan", "Tambang dan reklamasi.", ("tambang", "reklamasi")),
    ("keagamaan", "Keagamaan", "Kegiatan keagamaan.", ("agama",)),
)  # fmt: skip

# Tags that are deliberately missing from the registry (the reader warns).
FREE_TAGS = (
    "hut ri", "ramadan", "mudik", "sepak bola", "festival kuliner", "lomba desa",
    "hari jadi", "natal",
)  # fmt: skip

# Verb forms: headline (bare) and body (me-/ber- prefixed).
ACTIONS = (
    ("Salurkan", "menyalurkan"), ("Resmikan", "meresmikan"), ("Gelar", "menggelar"),
    ("Tinjau", "meninjau"), ("Dorong", "mendorong"), ("Targetkan", "menargetkan"),
    ("Bangun", "membangun"), ("Perbaiki", "memperbaiki"), ("Latih", "melatih"),
    ("Percepat", "mempercepat"), ("Siapkan", "menyiapkan"), ("Tambah", "menambah"),
    ("Evaluasi", "mengevaluasi"), ("Luncurkan", "meluncurkan"), ("Perluas", "memperluas"),
    ("Benahi", "membenahi"), ("Awasi", "mengawasi"), ("Kembangkan", "mengembangkan"),
)  # fmt: skip

OBJECTS = (
    "bantuan pangan", "jaringan irigasi", "jalan usaha tani", "layanan posyandu",
    "pelatihan UMKM", "sertifikasi tenaga kerja", "mal pelayanan publik", "jembatan gantung",
    "sumur bor", "rumah layak huni", "beasiswa pelajar", "pasar rakyat", "puskesmas keliling",
    "jaringan internet desa", "penerangan jalan umum", "bank sampah", "dermaga nelayan",
    "sekolah darurat", "program makan bergizi", "kartu tani", "layanan adminduk",
    "pembayaran pajak nontunai", "posko siaga bencana", "benih padi unggul", "kapal ambulans",
    "gedung serba guna", "taman kota", "homestay desa wisata", "pipa air bersih",
    "alat tangkap ramah lingkungan",
)  # fmt: skip

PLACES = (
    "di desa-desa terpencil", "di kawasan pesisir", "di pusat kota", "di wilayah perbatasan",
    "di kecamatan terluar", "di sekitar pasar induk", "di daerah aliran sungai",
    "di pulau-pulau kecil", "di kawasan transmigrasi", "di sentra produksi",
)  # fmt: skip

TIMES = (
    "tahun ini", "pekan depan", "sejak awal bulan", "hingga akhir tahun", "dalam tiga bulan",
    "pada triwulan kedua", "menjelang musim hujan", "selama masa tanam", "sepanjang tahun",
)  # fmt: skip

CONNECTORS = (
    "Selain itu,", "Sementara itu,", "Di sisi lain,", "Dalam kesempatan itu,", "Menurut dia,",
    "Karena itu,", "Sebelumnya,", "Ke depan,", "Adapun", "Tidak hanya itu,",
)  # fmt: skip

GOALS = (
    "mempercepat pelayanan kepada warga", "menekan angka kemiskinan",
    "meningkatkan pendapatan petani", "memperkuat ketahanan pangan daerah",
    "mengurangi risiko bencana", "membuka lapangan kerja baru",
    "menurunkan prevalensi stunting", "memperlancar arus barang",
    "menjaga kelestarian lingkungan", "meningkatkan kunjungan wisatawan",
)  # fmt: skip

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

HEADINGS = (
    "Target tahun depan", "Tanggapan warga", "Anggaran dan sumber dana", "Tahapan pelaksanaan",
    "Kendala di lapangan", "Pengawasan", "Dampak bagi masyarakat", "Langkah berikutnya",
    "Data terbaru", "Dukungan pemerintah provinsi", "Cara mendaftar", "Jadwal layanan",
)  # fmt: skip

LINK_HOSTS = (
    "https://ppid.example.go.id",
    "https://data.example.go.id",
    "https://jdih.example.go.id",
)
