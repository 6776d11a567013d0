<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
<context>
    <name>AddresseePicker</name>
    <message>
        <source>Cari jabatan, unit atau nama pejabat...</source>
        <translation>Search position, unit or official's name...</translation>
    </message>
    <message>
        <source>Pilih</source>
        <translation>Select</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>AdminPanel</name>
    <message>
        <source>Cari...</source>
        <translation>Search...</translation>
    </message>
    <message>
        <source>Ubah Templat...</source>
        <translation>Edit Template...</translation>
    </message>
    <message>
        <source>Impor YAML...</source>
        <translation>Import YAML...</translation>
    </message>
    <message>
        <source>Ekspor YAML...</source>
        <translation>Export YAML...</translation>
    </message>
    <message>
        <source>Buat Delegasi...</source>
        <translation>Create Delegation...</translation>
    </message>
    <message>
        <source>Pilih templat yang akan diubah</source>
        <translation>Select the template to edit</translation>
    </message>
    <message>
        <source>Templat {name} versi {version} disimpan</source>
        <translation>Template {name} version {version} saved</translation>
    </message>
    <message>
        <source>Impor templat rute</source>
        <translation>Import route template</translation>
    </message>
    <message>
        <source>{path}: tidak dapat dibaca ({reason})</source>
        <translation>{path}: cannot be read ({reason})</translation>
    </message>
    <message>
        <source>Templat {name} versi {version} diimpor</source>
        <translation>Template {name} version {version} imported</translation>
    </message>
    <message>
        <source>Pilih templat yang akan diekspor</source>
        <translation>Select the template to export</translation>
    </message>
    <message>
        <source>Ekspor templat rute</source>
        <translation>Export route template</translation>
    </message>
    <message>
        <source>{path}: tidak dapat ditulis ({reason})</source>
        <translation>{path}: cannot be written ({reason})</translation>
    </message>
    <message>
        <source>Templat {name} diekspor ke {path}</source>
        <translation>Template {name} exported to {path}</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>semua</source>
        <translation>all</translation>
    </message>
    <message>
        <source> (paralel)</source>
        <translation> (parallel)</translation>
    </message>
    <message>
        <source>Versi</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Jenis naskah</source>
        <translation>Letter kind</translation>
    </message>
    <message>
        <source>Urutan</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Tahap</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Kuorum</source>
        <translation>Quorum</translation>
    </message>
    <message>
        <source>SLA (jam)</source>
        <translation>SLA (hours)</translation>
    </message>
    <message>
        <source>Kondisi</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>Pemilik</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Peran</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>Sidik jari</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>Berlaku s.d.</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>Dicabut</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>(nama tidak dikenal)</source>
        <translation>(unknown name)</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Akun</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Sertifikat {name} diterbitkan</source>
        <translation>Certificate of {name} issued</translation>
    </message>
    <message>
        <source>Sertifikat {name} dicabut; CRL diterbitkan</source>
        <translation>Certificate of {name} revoked; CRL published</translation>
    </message>
    <message>
        <source>Pengguna</source>
        <comment>admin tab</comment>
        <translation>Users</translation>
    </message>
    <message>
        <source>Tambah Unit...</source>
        <translation>Add Unit...</translation>
    </message>
    <message>
        <source>Unit Kerja</source>
        <translation>Work Units</translation>
    </message>
    <message>
        <source>Rute (Templat Alur)</source>
        <translation>Routes (Workflow Templates)</translation>
    </message>
    <message>
        <source>Terbitkan Sertifikat...</source>
        <translation>Issue Certificate...</translation>
    </message>
    <message>
        <source>Cabut Sertifikat...</source>
        <translation>Revoke Certificate...</translation>
    </message>
    <message>
        <source>Sertifikat</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>Jabatan</source>
        <comment>admin tab</comment>
        <translation>Positions</translation>
    </message>
    <message>
        <source>Penomoran</source>
        <translation>Numbering</translation>
    </message>
    <message>
        <source>Delegasi</source>
        <translation>Delegation</translation>
    </message>
    <message>
        <source>Login Gagal</source>
        <translation>Failed Logins</translation>
    </message>
    <message>
        <source>Serahkan kewenangan Anda sementara (Plh./Plt.) atau tanda tangan atas nama (a.n., u.b.).</source>
        <translation>Hand over your authority for a while (Plh./Plt.) or let someone sign on your behalf (a.n., u.b.).</translation>
    </message>
    <message>
        <source>(tidak ada)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Tambah Unit Kerja</source>
        <translation>Add Work Unit</translation>
    </message>
    <message>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Induk</source>
        <translation>Parent</translation>
    </message>
    <message>
        <source>Unit {code} ditambahkan</source>
        <translation>Unit {code} added</translation>
    </message>
    <message>
        <source>{capacity} kepada {delegate} dibuat</source>
        <translation>{capacity} to {delegate} created</translation>
    </message>
    <message>
        <source>Pengguna</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Passphrase CA</source>
        <translation>CA passphrase</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Terbitkan sertifikat</source>
        <translation>Issue certificate</translation>
    </message>
    <message>
        <source>Cabut sertifikat</source>
        <translation>Revoke certificate</translation>
    </message>
</context>
<context>
    <name>AssigneePicker</name>
    <message>
        <source>Peran</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>Jabatan</source>
        <translation>Positions</translation>
    </message>
    <message>
        <source>Pengguna</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Cari peran, jabatan atau nama...</source>
        <translation>Search roles, positions or names...</translation>
    </message>
</context>
<context>
    <name>AttachmentViewer</name>
    <message>
        <source>Lampiran: {name}</source>
        <translation>Attachment: {name}</translation>
    </message>
</context>
<context>
    <name>Attention</name>
    <message>
        <source>Naskah</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>(naskah baru)</source>
        <translation>(new letter)</translation>
    </message>
    <message>
        <source>Perintah</source>
        <translation>Command</translation>
    </message>
    <message>
        <source>{what} oleh {name}</source>
        <translation>{what} by {name}</translation>
    </message>
    <message>
        <source>Dibuat</source>
        <translation>Made</translation>
    </message>
    <message>
        <source>{when} (jam perangkat)</source>
        <translation>{when} (device clock)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>AttentionPage</name>
    <message>
        <source>Perlu Perhatian</source>
        <translation>Needs Attention</translation>
    </message>
    <message>
        <source>Pekerjaan yang Anda buat saat luring dan belum dapat diterapkan. Tetap di sini sampai Anda memilih: ulangi pada versi sekarang, buang, atau buka naskahnya.</source>
        <translation>Work you did offline that could not be applied. It stays here until you choose: redo on the current version, discard, or open the letter.</translation>
    </message>
    <message>
        <source>Tidak ada yang perlu perhatian: semua pekerjaan luring sudah diterapkan.</source>
        <translation>Nothing needs attention: all offline work has been applied.</translation>
    </message>
    <message>
        <source>Ulangi pada versi sekarang</source>
        <translation>Redo on the current version</translation>
    </message>
    <message>
        <source>Buang</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>Buka naskah</source>
        <translation>Open the letter</translation>
    </message>
    <message>
        <source>Diulang dan diterapkan pada versi sekarang</source>
        <translation>Redone and applied on the current version</translation>
    </message>
    <message>
        <source>Perintah yang diulang ditandatangani dengan kunci TTE Anda.</source>
        <translation>The redone command is signed with your signing key.</translation>
    </message>
    <message>
        <source>Perintah dibuang; naskahnya tidak berubah</source>
        <translation>Command discarded; the letter is unchanged</translation>
    </message>
</context>
<context>
    <name>BodyBar</name>
    <message>
        <source>Tebal (Ctrl+B)</source>
        <translation>Bold (Ctrl+B)</translation>
    </message>
    <message>
        <source>Miring (Ctrl+I)</source>
        <translation>Italic (Ctrl+I)</translation>
    </message>
    <message>
        <source>• Daftar</source>
        <translation>• List</translation>
    </message>
    <message>
        <source>Daftar berbutir</source>
        <translation>Bulleted list</translation>
    </message>
    <message>
        <source>1. Daftar</source>
        <translation>1. List</translation>
    </message>
    <message>
        <source>Daftar bernomor</source>
        <translation>Numbered list</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>belum pernah</source>
        <translation>never</translation>
    </message>
    <message>
        <source>Sinkronisasi: {pending} tertunda, terakhir {last}</source>
        <translation>Sync: {pending} pending, last {last}</translation>
    </message>
    <message>
        <source>Mengirim {n} dari {total}...</source>
        <translation>Sending {n} of {total}...</translation>
    </message>
    <message>
        <source>Sinkronisasi tertunda: {reason}</source>
        <translation>Sync paused: {reason}</translation>
    </message>
    <message>
        <source>terhubung</source>
        <translation>connected</translation>
    </message>
    <message>
        <source>LURING: data dari cache lokal</source>
        <translation>OFFLINE: data from the local cache</translation>
    </message>
    <message>
        <source>TIDAK TERHUBUNG</source>
        <translation>NOT CONNECTED</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>TERLAMBAT</source>
        <translation>OVERDUE</translation>
    </message>
    <message>
        <source>Hal</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Tahap</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Di tangan</source>
        <translation>Held by</translation>
    </message>
    <message>
        <source>Batas</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Pelacakan dan Kinerja</source>
        <translation>Tracking and Performance</translation>
    </message>
    <message>
        <source>Terbuka: {n}</source>
        <translation>Open: {n}</translation>
    </message>
    <message>
        <source>Terlambat: {n}</source>
        <translation>Overdue: {n}</translation>
    </message>
    <message>
        <source>Langkah diputus: {n}</source>
        <translation>Steps decided: {n}</translation>
    </message>
    <message>
        <source>Ekspor CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <source>Ekspor PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>Rata-rata waktu penyelesaian per tahap ({unit})</source>
        <translation>Average turnaround per stage ({unit})</translation>
    </message>
    <message>
        <source>jam</source>
        <translation>hours</translation>
    </message>
    <message>
        <source>menit</source>
        <translation>minutes</translation>
    </message>
    <message>
        <source>dasbor</source>
        <translation>dashboard</translation>
    </message>
    <message>
        <source>Ekspor Dasbor</source>
        <translation>Export Dashboard</translation>
    </message>
    <message>
        <source>{path}: tidak dapat ditulis ({reason})</source>
        <translation>{path}: cannot be written ({reason})</translation>
    </message>
    <message>
        <source>Diekspor: {path}</source>
        <translation>Exported: {path}</translation>
    </message>
</context>
<context>
    <name>Decisions</name>
    <message>
        <source>Naskah disetujui (status: {status})</source>
        <translation>Letter approved (status: {status})</translation>
    </message>
    <message>
        <source>Naskah dikembalikan (status: {status})</source>
        <translation>Letter returned (status: {status})</translation>
    </message>
    <message>
        <source>Naskah ditolak (status: {status})</source>
        <translation>Letter rejected (status: {status})</translation>
    </message>
    <message>
        <source>Paraf Anda pada naskah dibuat dengan sertifikat elektronik BSrE.</source>
        <translation>Your initials (paraf) on the letter are signed with your BSrE electronic certificate.</translation>
    </message>
    <message>
        <source>Keputusan Anda ditandatangani dengan kunci TTE.</source>
        <translation>Your decision is signed with your e-signature (TTE) key.</translation>
    </message>
    <message>
        <source>Tidak ada kunci TTE untuk {name} di profil ini ({home})</source>
        <translation>No e-signature (TTE) key for {name} in this profile ({home})</translation>
    </message>
    <message numerus="yes">
        <source>Menandatangani %n naskah secara elektronik.</source>
        <translation>
            <numerusform>Signing %n letter electronically.</numerusform>
            <numerusform>Signing %n letters electronically.</numerusform>
        </translation>
    </message>
    <message>
        <source>naskah ke-{n}</source>
        <translation>letter {n}</translation>
    </message>
    <message numerus="yes">
        <source>dan %n naskah lainnya</source>
        <translation>
            <numerusform>and %n other letter</numerusform>
            <numerusform>and %n other letters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Menandatangani %n naskah dengan sertifikat elektronik BSrE.</source>
        <translation>
            <numerusform>Signing %n letter with a BSrE electronic certificate.</numerusform>
            <numerusform>Signing %n letters with a BSrE electronic certificate.</numerusform>
        </translation>
    </message>
    <message>
        <source>Passphrase TTE BSrE</source>
        <translation>BSrE signing passphrase</translation>
    </message>
    <message>
        <source>Menandatangani {n} dari {total}...</source>
        <translation>Signing {n} of {total}...</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Menandatangani...</source>
        <translation>Signing...</translation>
    </message>
    <message>
        <source>Batalkan</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Tanda tangan elektronik</source>
        <translation>Electronic signature</translation>
    </message>
    <message numerus="yes">
        <source>%n naskah disimpan, menunggu sinkronisasi: nomor dan TTE dibubuhkan saat database terhubung kembali</source>
        <translation>
            <numerusform>%n letter saved, waiting to sync: the number and signature are added once the database is reachable again</numerusform>
            <numerusform>%n letters saved, waiting to sync: the number and signature are added once the database is reachable again</numerusform>
        </translation>
    </message>
    <message>
        <source>1 naskah ditandatangani; menunggu penandatangan berikutnya</source>
        <translation>1 document signed; waiting for the next signatory</translation>
    </message>
    <message>
        <source>1 naskah ditandatangani (nomor {number})</source>
        <translation>1 letter signed (number {number})</translation>
    </message>
    <message numerus="yes">
        <source>%n naskah ditandatangani</source>
        <translation>
            <numerusform>%n letter signed</numerusform>
            <numerusform>%n letters signed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n dibatalkan</source>
        <translation>
            <numerusform>; %n cancelled</numerusform>
            <numerusform>; %n cancelled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n naskah lainnya tidak dikirim.</source>
        <translation>
            <numerusform>%n other letter not sent.</numerusform>
            <numerusform>%n other letters not sent.</numerusform>
        </translation>
    </message>
    <message>
        <source>Gagal ditandatangani:</source>
        <translation>Could not be signed:</translation>
    </message>
    <message>
        <source>Pilih naskah di 'Perlu Tanda Tangan' terlebih dahulu</source>
        <translation>Select letters in 'To Sign' first</translation>
    </message>
</context>
<context>
    <name>DelegateDialog</name>
    <message>
        <source>Plh. (pelaksana harian)</source>
        <translation>Plh. (acting, day-to-day)</translation>
    </message>
    <message>
        <source>Plt. (pelaksana tugas)</source>
        <translation>Plt. (acting, assigned)</translation>
    </message>
    <message>
        <source>a.n. (atas nama)</source>
        <translation>a.n. (on behalf of)</translation>
    </message>
    <message>
        <source>u.b. (untuk beliau)</source>
        <translation>u.b. (for the principal, two levels below)</translation>
    </message>
    <message>
        <source>Delegasi kewenangan</source>
        <translation>Delegation of authority</translation>
    </message>
    <message>
        <source>Kepada</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Kapasitas</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <source>Mulai</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Sampai dengan</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>DiffDialog</name>
    <message>
        <source>Perbandingan versi</source>
        <translation>Version comparison</translation>
    </message>
    <message>
        <source>Versi {n}</source>
        <translation>Version {n}</translation>
    </message>
    <message>
        <source>Dari</source>
        <translation>From</translation>
    </message>
    <message>
        <source>ke</source>
        <translation>to</translation>
    </message>
</context>
<context>
    <name>DisposeDialog</name>
    <message>
        <source>Disposisi</source>
        <translation>Disposition (disposisi)</translation>
    </message>
    <message>
        <source>Instruksi</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <source>Batas waktu</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Kirim Disposisi</source>
        <translation>Send Disposition</translation>
    </message>
    <message>
        <source>Diteruskan kepada (bawahan Anda):</source>
        <translation>Forward to (your subordinates):</translation>
    </message>
    <message>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>DraftEditor</name>
    <message>
        <source>Naskah Baru</source>
        <translation>New Letter</translation>
    </message>
    <message>
        <source>Ubah Naskah</source>
        <translation>Edit Letter</translation>
    </message>
    <message>
        <source>Hal / perihal</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>wajib sebelum diajukan, mis. 000.1.2.3</source>
        <translation>required before submitting, e.g. 000.1.2.3</translation>
    </message>
    <message>
        <source>mis. 1 (satu) berkas</source>
        <translation>e.g. 1 (satu) berkas</translation>
    </message>
    <message>
        <source>Pilih...</source>
        <translation>Choose...</translation>
    </message>
    <message>
        <source>Pilih tujuan</source>
        <translation>Choose addressees</translation>
    </message>
    <message>
        <source>Pilih tembusan</source>
        <translation>Choose copy recipients</translation>
    </message>
    <message>
        <source>Tambah berkas...</source>
        <translation>Add file...</translation>
    </message>
    <message>
        <source>Hapus berkas</source>
        <translation>Remove file</translation>
    </message>
    <message>
        <source>Jenis naskah</source>
        <translation>Letter kind</translation>
    </message>
    <message>
        <source>Hal</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Sifat</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>Klasifikasi</source>
        <translation>Classification</translation>
    </message>
    <message>
        <source>Kode klasifikasi</source>
        <translation>Classification code</translation>
    </message>
    <message>
        <source>Yth. (tujuan)</source>
        <translation>To (Yth.)</translation>
    </message>
    <message>
        <source>Tembusan</source>
        <translation>Cc</translation>
    </message>
    <message>
        <source>Lampiran</source>
        <translation>Enclosures</translation>
    </message>
    <message>
        <source>Berkas lampiran</source>
        <translation>Attachment files</translation>
    </message>
    <message>
        <source>jabatan yang dituju: klik Pilih..., atau ketik; pisahkan dengan ';'</source>
        <translation>position addressed: click Choose..., or type; separate with ';'</translation>
    </message>
    <message>
        <source>tembusan (opsional): jabatan</source>
        <translation>copies (optional): positions</translation>
    </message>
    <message>
        <source>Isi naskah: paragraf dipisah baris kosong; tombol di bawah ini untuk tebal, miring dan daftar (atau Markdown: **tebal**, *miring*, '- ', '1. ', '# judul').</source>
        <translation>Letter body: separate paragraphs with a blank line; the buttons below make bold, italic and lists (or Markdown: **bold**, *italic*, '- ', '1. ', '# heading').</translation>
    </message>
    <message>
        <source>Simpan Draf</source>
        <translation>Save Draft</translation>
    </message>
    <message>
        <source>Simpan &amp;&amp; Ajukan...</source>
        <translation>Save &amp;&amp; Submit...</translation>
    </message>
    <message>
        <source>Bandingkan Versi</source>
        <translation>Compare Versions</translation>
    </message>
    <message>
        <source>Pratinjau</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Catatan pengembalian dari {author}:</source>
        <translation>Returned with a note from {author}:</translation>
    </message>
    <message>
        <source>Naskah ini punya perubahan yang belum disimpan.</source>
        <translation>This letter has unsaved changes.</translation>
    </message>
    <message>
        <source>Simpan sebagai draf sebelum menutup?</source>
        <translation>Save it as a draft before closing?</translation>
    </message>
    <message>
        <source>Buang Perubahan</source>
        <translation>Discard Changes</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Pratinjau: {problem}</source>
        <translation>Preview: {problem}</translation>
    </message>
    <message>
        <source>(hal belum diisi)</source>
        <translation>(no subject yet)</translation>
    </message>
    <message>
        <source>(tujuan belum diisi)</source>
        <translation>(no addressee yet)</translation>
    </message>
    <message>
        <source>Pratinjau: memperbarui...</source>
        <translation>Preview: updating...</translation>
    </message>
    <message numerus="yes">
        <source>Pratinjau (%n halaman)</source>
        <translation>
            <numerusform>Preview (%n page)</numerusform>
            <numerusform>Preview (%n pages)</numerusform>
        </translation>
    </message>
    <message>
        <source>Tambah lampiran</source>
        <translation>Add attachments</translation>
    </message>
    <message>
        <source>{name}: tidak dapat dibaca ({reason})</source>
        <translation>{name}: cannot be read ({reason})</translation>
    </message>
    <message>
        <source>{name} ({size}, belum disimpan)</source>
        <translation>{name} ({size}, not saved yet)</translation>
    </message>
    <message>
        <source>Pilih berkas yang akan dihapus.</source>
        <translation>Choose the file to remove.</translation>
    </message>
    <message>
        <source>Draf tersimpan</source>
        <translation>Draft saved</translation>
    </message>
    <message>
        <source>Diajukan: {status}</source>
        <translation>Submitted: {status}</translation>
    </message>
</context>
<context>
    <name>Finder</name>
    <message>
        <source>Kata dalam hal, isi, nomor, pengirim...</source>
        <translation>Words in the subject, text, number, sender...</translation>
    </message>
    <message>
        <source>Cari</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Hapus filter</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>Kata kunci</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sifat</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Klasifikasi</source>
        <translation>Classification</translation>
    </message>
    <message>
        <source>Dari tanggal</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Sampai tanggal</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Semua</source>
        <translation>All</translation>
    </message>
    <message>
        <source>semua</source>
        <translation>all</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>KindParts</name>
    <message>
        <source>satu butir per baris</source>
        <translation>one item per line</translation>
    </message>
    <message>
        <source>09.00 WITA s.d. selesai</source>
        <translation>09.00 WITA until finished</translation>
    </message>
    <message>
        <source>Hari/tanggal</source>
        <translation>Day/date</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Tempat</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Acara</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>Pakaian</source>
        <translation>Dress code</translation>
    </message>
    <message>
        <source>Menimbang</source>
        <translation>Considering (menimbang)</translation>
    </message>
    <message>
        <source>Mengingat</source>
        <translation>Having regard to (mengingat)</translation>
    </message>
    <message>
        <source>Diktum</source>
        <translation>Decrees (diktum)</translation>
    </message>
    <message>
        <source>nama; NIP; jabatan (satu orang per baris)</source>
        <translation>name; NIP; position (one person per line)</translation>
    </message>
    <message>
        <source>Dasar</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>Kepada</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <source>Untuk</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>Hari dan tanggal kegiatan yang dicatat; ditulis dengan huruf pada kalimat “Pada hari ini ...”</source>
        <translation>The day and date of the event recorded; spelled out in the sentence “Pada hari ini ...” (On this day ...)</translation>
    </message>
    <message>
        <source>kosong: kota unit kerja</source>
        <translation>empty: the unit's city</translation>
    </message>
    <message>
        <source>Tanggal kegiatan</source>
        <translation>Event date</translation>
    </message>
    <message>
        <source>Tempat kegiatan</source>
        <translation>Event place</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Masuk - {app}</source>
        <translation>Log in - {app}</translation>
    </message>
    <message>
        <source>Naskah dinas elektronik, paraf, TTE dan disposisi</source>
        <translation>Official letters, initials (paraf), e-signatures (TTE) and dispositions</translation>
    </message>
    <message>
        <source>login atau NIP</source>
        <translation>login or NIP</translation>
    </message>
    <message>
        <source>kata sandi</source>
        <translation>password</translation>
    </message>
    <message>
        <source>Database: {label}</source>
        <translation>Database: {label}</translation>
    </message>
    <message>
        <source>MODE DEMO: semua kata sandi 'demo'</source>
        <translation>DEMO MODE: every password is 'demo'</translation>
    </message>
    <message>
        <source>Masuk</source>
        <translation>Log In</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Pengguna</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Memeriksa koneksi database...</source>
        <translation>Checking the database connection...</translation>
    </message>
    <message>
        <source>Menyiapkan aplikasi...</source>
        <translation>Preparing the application...</translation>
    </message>
    <message>
        <source>Database terhubung</source>
        <translation>Database connected</translation>
    </message>
    <message>
        <source>Periksa jaringan atau EOFFICE_DB, lalu coba lagi.</source>
        <translation>Check the network or EOFFICE_DB, then try again.</translation>
    </message>
    <message>
        <source>Isi pengguna dan kata sandi</source>
        <translation>Enter user and password</translation>
    </message>
    <message>
        <source>Tidak dapat masuk: database tidak dapat dihubungi (lihat di bawah).</source>
        <translation>Cannot log in: the database cannot be reached (see below).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Kotak Masuk</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <source>Perlu Perhatian</source>
        <translation>Needs Attention</translation>
    </message>
    <message>
        <source>Perlu Tanda Tangan</source>
        <translation>To Sign</translation>
    </message>
    <message>
        <source>Perlu Paraf</source>
        <translation>To Initial</translation>
    </message>
    <message>
        <source>Disposisi</source>
        <translation>Dispositions</translation>
    </message>
    <message>
        <source>Draf</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <source>Terkirim</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Pelacakan</source>
        <translation>Tracking</translation>
    </message>
    <message>
        <source>Pencarian</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Dasbor</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Arsip</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>{status}, di {who}</source>
        <translation>{status}, with {who}</translation>
    </message>
    <message>
        <source>Verifikasi PDF</source>
        <translation>Verify PDF</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>Memuat...</source>
        <translation>Loading...</translation>
    </message>
    <message>
        <source>Cari (hal, jenis, pengirim)...</source>
        <translation>Search (subject, kind, sender)...</translation>
    </message>
    <message>
        <source>Aksi</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>Naskah Baru</source>
        <translation>New Letter</translation>
    </message>
    <message>
        <source>Daftarkan Naskah Masuk</source>
        <translation>Register Incoming Letter</translation>
    </message>
    <message>
        <source>Tanda Tangani Terpilih</source>
        <translation>Sign Selected</translation>
    </message>
    <message>
        <source>Delegasi...</source>
        <translation>Delegate...</translation>
    </message>
    <message>
        <source>Segarkan</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Database: {label}</source>
        <translation>Database: {label}</translation>
    </message>
    <message>
        <source>MODE DEMO</source>
        <translation>DEMO MODE</translation>
    </message>
    <message>
        <source>Belum tersedia</source>
        <translation>Not available yet</translation>
    </message>
    <message>
        <source>Menampilkan {shown} naskah terbaru dari {total}.</source>
        <translation>Showing the newest {shown} of {total} letters.</translation>
    </message>
    <message>
        <source>Muat {n} berikutnya</source>
        <translation>Load the next {n}</translation>
    </message>
    <message>
        <source>{shown} dari {total}</source>
        <translation>{shown} of {total}</translation>
    </message>
    <message>
        <source>{n} baru</source>
        <translation>{n} new</translation>
    </message>
    <message>
        <source>Kembalikan naskah</source>
        <translation>Return letter</translation>
    </message>
    <message>
        <source>Tolak naskah</source>
        <translation>Reject letter</translation>
    </message>
    <message>
        <source>Catatan untuk pembuat (wajib):</source>
        <translation>Note for the drafter (required):</translation>
    </message>
    <message>
        <source>Setelah revisi, rute dimulai lagi dari tahap:</source>
        <translation>After the revision, the route starts again from stage:</translation>
    </message>
    <message>
        <source>naskah ini</source>
        <translation>this letter</translation>
    </message>
    <message>
        <source>Catatan ditambahkan</source>
        <translation>Note added</translation>
    </message>
    <message>
        <source>Tarik naskah</source>
        <translation>Withdraw letter</translation>
    </message>
    <message>
        <source>Alasan penarikan (opsional):</source>
        <translation>Reason for withdrawing (optional):</translation>
    </message>
    <message>
        <source>Naskah ditarik</source>
        <translation>Letter withdrawn</translation>
    </message>
    <message>
        <source>Laporan tindak lanjut</source>
        <translation>Follow-up report</translation>
    </message>
    <message>
        <source>Apa yang sudah dilakukan (wajib):</source>
        <translation>What has been done (required):</translation>
    </message>
    <message>
        <source>Laporan tindak lanjut tersimpan</source>
        <translation>Follow-up report saved</translation>
    </message>
    <message>
        <source>tahap pertama ({stage})</source>
        <translation>first stage ({stage})</translation>
    </message>
    <message>
        <source>tahap pertama</source>
        <translation>first stage</translation>
    </message>
    <message>
        <source>{capacity} kepada {delegate} berlaku {start} s.d. {end}</source>
        <translation>{capacity} to {delegate}, valid {start} to {end}</translation>
    </message>
    <message>
        <source>Simpan PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>{path}: tidak dapat ditulis ({reason})</source>
        <translation>{path}: cannot be written ({reason})</translation>
    </message>
    <message>
        <source>Disimpan: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>Naskah diajukan: {status}</source>
        <translation>Letter submitted: {status}</translation>
    </message>
    <message>
        <source>Naskah masuk terdaftar</source>
        <translation>Incoming letter registered</translation>
    </message>
    <message>
        <source>Disposisi dikirim</source>
        <translation>Disposition sent</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>NotesTab</name>
    <message>
        <source>Tulis catatan untuk yang terlibat pada naskah ini...</source>
        <translation>Write a note for those involved in this letter...</translation>
    </message>
    <message>
        <source>Tambah Catatan</source>
        <translation>Add Note</translation>
    </message>
</context>
<context>
    <name>NoticeButton</name>
    <message>
        <source>Pemberitahuan</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Belum ada pemberitahuan.</source>
        <translation>No notifications yet.</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>e-Office: pekerjaan baru</source>
        <translation>e-Office: new work</translation>
    </message>
</context>
<context>
    <name>NumberingTab</name>
    <message>
        <source>kode klasifikasi arsip</source>
        <translation>archive classification code</translation>
    </message>
    <message>
        <source>nomor urut per tahun ({seq:04} = 4 digit)</source>
        <translation>sequence number per year ({seq:04} = 4 digits)</translation>
    </message>
    <message>
        <source>kode unit/perangkat daerah</source>
        <translation>unit / regional agency code</translation>
    </message>
    <message>
        <source>tahun</source>
        <translation>year</translation>
    </message>
    <message>
        <source>bulan ({month:02} = 2 digit)</source>
        <translation>month ({month:02} = 2 digits)</translation>
    </message>
    <message>
        <source>bulan romawi I..XII</source>
        <translation>month in Roman numerals I..XII</translation>
    </message>
    <message>
        <source>kode jenis naskah (ND, SE, SK...)</source>
        <translation>letter kind code (ND, SE, SK...)</translation>
    </message>
    <message>
        <source>semua unit</source>
        <translation>all units</translation>
    </message>
    <message>
        <source>semua jenis</source>
        <translation>all kinds</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Jenis naskah</source>
        <translation>Letter kind</translation>
    </message>
    <message>
        <source>Pola</source>
        <translation>Pattern</translation>
    </message>
    <message>
        <source>(semua jenis)</source>
        <translation>(all kinds)</translation>
    </message>
    <message>
        <source>Token: {tokens}. Wajib memuat {{seq}} dan {{year}}. Tanpa format khusus dipakai {default}</source>
        <translation>Tokens: {tokens}. Must contain {{seq}} and {{year}}. Without a specific format, {default} is used</translation>
    </message>
    <message>
        <source>Simpan Format</source>
        <translation>Save Format</translation>
    </message>
    <message>
        <source>Pola nomor</source>
        <translation>Number pattern</translation>
    </message>
    <message>
        <source>(semua unit)</source>
        <translation>(all units)</translation>
    </message>
    <message>
        <source>Pola nomor tidak boleh kosong</source>
        <translation>The number pattern must not be empty</translation>
    </message>
    <message>
        <source>Format nomor ({scope}) disimpan: {pattern}</source>
        <translation>Number format ({scope}) saved: {pattern}</translation>
    </message>
</context>
<context>
    <name>OrgPicker</name>
    <message>
        <source>Cari nama atau jabatan...</source>
        <translation>Search by name or position...</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Passphrase kunci TTE</source>
        <translation>E-signature (TTE) key passphrase</translation>
    </message>
    <message>
        <source>Ingat di keyring sistem</source>
        <translation>Remember in the system keyring</translation>
    </message>
    <message>
        <source>Masukkan passphrase kunci TTE &lt;b&gt;{who}&lt;/b&gt;.</source>
        <translation>Enter the passphrase of the e-signature (TTE) key of &lt;b&gt;{who}&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Lanjutkan</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Pending</name>
    <message>
        <source>Disimpan, menunggu sinkronisasi (dikirim otomatis saat database terhubung kembali)</source>
        <translation>Saved, waiting to sync (sent automatically once the database is reachable again)</translation>
    </message>
    <message>
        <source>menunggu sinkronisasi</source>
        <translation>waiting to sync</translation>
    </message>
</context>
<context>
    <name>PositionPicker</name>
    <message>
        <source>(tanpa jabatan)</source>
        <translation>(no position)</translation>
    </message>
    <message>
        <source>ketik sebagian nama jabatan...</source>
        <translation>type part of the position's title...</translation>
    </message>
</context>
<context>
    <name>PositionsTab</name>
    <message>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Nama jabatan</source>
        <translation>Position title</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Atasan</source>
        <translation>Superior</translation>
    </message>
    <message>
        <source>Peran</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>Cari...</source>
        <translation>Search...</translation>
    </message>
    <message>
        <source>Tambah Jabatan...</source>
        <translation>Add Position...</translation>
    </message>
    <message>
        <source>nama peran dipisah spasi (opsional), mis. sekretariat</source>
        <translation>role names separated by spaces (optional), e.g. sekretariat</translation>
    </message>
    <message>
        <source>(tidak ada)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Tambah Jabatan</source>
        <translation>Add Position</translation>
    </message>
    <message>
        <source>Jabatan {code} ditambahkan</source>
        <translation>Position {code} added</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Lembar Disposisi - {title}</source>
        <translation>Disposition Sheet - {title}</translation>
    </message>
    <message>
        <source>Tidak ada halaman untuk dicetak.</source>
        <translation>There are no pages to print.</translation>
    </message>
    <message>
        <source>Cetak</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>{title} dicetak: {pages} halaman</source>
        <translation>{title} printed: {pages} page(s)</translation>
    </message>
    <message>
        <source>Pencetak tidak dapat dipakai.</source>
        <translation>The printer cannot be used.</translation>
    </message>
</context>
<context>
    <name>ReadingPane</name>
    <message>
        <source>Berkas ini belum ada di salinan lokal komputer ini. Berkas akan tersedia saat komputer terhubung kembali ke jaringan: buka lagi naskah ini setelah terhubung.</source>
        <translation>This file is not in this computer's local copy yet. It will be available when the computer is connected to the network again: open this letter again once connected.</translation>
    </message>
    <message>
        <source>Paraf</source>
        <translation>Initial</translation>
    </message>
    <message>
        <source>Setujui</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>Beri Nomor</source>
        <translation>Assign Number</translation>
    </message>
    <message>
        <source>Kirim</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <source>Tanda Tangani</source>
        <translation>Sign</translation>
    </message>
    <message>
        <source>Pilih naskah di daftar untuk membacanya.</source>
        <translation>Select a letter in the list to read it.</translation>
    </message>
    <message>
        <source>Kembalikan</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Kembalikan ke pembuat dengan catatan</source>
        <translation>Return to the drafter with a note</translation>
    </message>
    <message>
        <source>Tolak</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>Ubah</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Ajukan</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>Tarik</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>Tarik naskah dari rute</source>
        <translation>Withdraw the letter from its route</translation>
    </message>
    <message>
        <source>Disposisi</source>
        <translation>Disposition</translation>
    </message>
    <message>
        <source>Laporkan Selesai</source>
        <translation>Report Done</translation>
    </message>
    <message>
        <source>Bandingkan Versi</source>
        <translation>Compare Versions</translation>
    </message>
    <message>
        <source>Perubahan antarversi naskah</source>
        <translation>Changes between versions of the letter</translation>
    </message>
    <message>
        <source>Simpan PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>Cetak</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Verifikasi</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>Cetak Lembar Disposisi</source>
        <translation>Print Disposition Sheet</translation>
    </message>
    <message>
        <source>Berkas</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Ukuran</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Buka Lampiran</source>
        <translation>Open Attachment</translation>
    </message>
    <message>
        <source>PDF dibuka di aplikasi ini, berkas lain di aplikasi bawaan komputer</source>
        <translation>PDFs open in this app, other files in the computer's default application</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Aksi</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Naskah</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>Rute</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Catatan</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Lampiran</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>Riwayat</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <source>Nomor: {number}</source>
        <translation>Number: {number}</translation>
    </message>
    <message>
        <source>Sifat: {urgency}</source>
        <translation>Urgency: {urgency}</translation>
    </message>
    <message>
        <source>Klasifikasi: {classification}</source>
        <translation>Classification: {classification}</translation>
    </message>
    <message>
        <source>Bertanda tangan elektronik</source>
        <translation>Electronically signed</translation>
    </message>
    <message>
        <source>Dari: {sender} &amp;middot; Agenda: {agenda}</source>
        <translation>From: {sender} &amp;middot; Agenda no.: {agenda}</translation>
    </message>
    <message>
        <source>Kepada: {to}</source>
        <translation>To: {to}</translation>
    </message>
    <message>
        <source>Tembusan: {cc}</source>
        <translation>Cc: {cc}</translation>
    </message>
    <message>
        <source>Pembuat: {drafter} &amp;middot; versi {version}</source>
        <translation>Drafter: {drafter} &amp;middot; version {version}</translation>
    </message>
    <message>
        <source>(untuk {who})</source>
        <translation>(for {who})</translation>
    </message>
    <message>
        <source>Menunggu Anda: {stage}</source>
        <translation>Waiting for you: {stage}</translation>
    </message>
    <message>
        <source>batas {due}</source>
        <translation>due {due}</translation>
    </message>
    <message>
        <source>Dikembalikan:</source>
        <translation>Returned:</translation>
    </message>
    <message>
        <source>Belum ada catatan.</source>
        <translation>No notes yet.</translation>
    </message>
    <message>
        <source>Catat di Agenda</source>
        <translation>Record in the Agenda</translation>
    </message>
    <message>
        <source>Nomor {number} sudah diberikan saat tanda tangan; mencatatnya meneruskan naskah ke pengiriman.</source>
        <translation>Number {number} was given at signing; recording it passes the letter on to dispatch.</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Daftarkan Naskah Masuk</source>
        <translation>Register Incoming Letter</translation>
    </message>
    <message>
        <source>Seret berkas PDF pindaian ke sini, atau pilih berkas.</source>
        <translation>Drop the scanned PDF here, or choose the file.</translation>
    </message>
    <message>
        <source>Pilih PDF...</source>
        <translation>Choose PDF...</translation>
    </message>
    <message>
        <source>Pengirim</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Nomor surat</source>
        <translation>Letter number</translation>
    </message>
    <message>
        <source>Hal</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Tanggal surat</source>
        <translation>Letter date</translation>
    </message>
    <message>
        <source>Ditujukan kepada</source>
        <translation>Addressed to</translation>
    </message>
    <message>
        <source>Sifat</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>Klasifikasi</source>
        <translation>Classification</translation>
    </message>
    <message>
        <source>Daftarkan</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Pilih PDF pindaian</source>
        <translation>Choose the scanned PDF</translation>
    </message>
    <message>
        <source>{name}: tidak dapat dibaca ({reason})</source>
        <translation>{name}: cannot be read ({reason})</translation>
    </message>
    <message>
        <source>Pilih berkas PDF pindaian terlebih dahulu</source>
        <translation>Choose the scanned PDF file first</translation>
    </message>
    <message>
        <source>Pilih pimpinan yang dituju</source>
        <translation>Choose the official it is addressed to</translation>
    </message>
</context>
<context>
    <name>SignOut</name>
    <message>
        <source>Akun</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Keluar / Ganti Pengguna</source>
        <translation>Sign Out / Switch User</translation>
    </message>
</context>
<context>
    <name>StageDialog</name>
    <message>
        <source>Boleh diteruskan</source>
        <translation>May be forwarded</translation>
    </message>
    <message>
        <source>Tahap rute</source>
        <translation>Route stage</translation>
    </message>
    <message>
        <source>Nama tahap</source>
        <translation>Stage name</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Kuorum</source>
        <translation>Quorum</translation>
    </message>
    <message>
        <source>SLA (jam)</source>
        <translation>SLA (hours)</translation>
    </message>
    <message>
        <source>Urutan (sama = paralel)</source>
        <translation>Order (equal = parallel)</translation>
    </message>
    <message>
        <source>Kondisi: bidang</source>
        <translation>Condition: field</translation>
    </message>
    <message>
        <source>Kondisi: operator</source>
        <translation>Condition: operator</translation>
    </message>
    <message>
        <source>Kondisi: nilai</source>
        <translation>Condition: value</translation>
    </message>
    <message>
        <source>Nama tahap dan petugas wajib diisi</source>
        <translation>Stage name and assignees are required</translation>
    </message>
</context>
<context>
    <name>SubmitDialog</name>
    <message>
        <source>Ajukan naskah</source>
        <translation>Submit letter</translation>
    </message>
    <message>
        <source>Ajukan</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>Rute (templat alur) yang berlaku untuk naskah ini:</source>
        <translation>Routes (workflow templates) that apply to this letter:</translation>
    </message>
    <message>
        <source>(otomatis: sesuai jenis dan unit)</source>
        <translation>(automatic: by kind and unit)</translation>
    </message>
    <message>
        <source>Naskah ini ditujukan kepada penandatangannya sendiri ({title}). Periksa tujuannya (Yth.) sebelum mengajukan.</source>
        <translation>This letter is addressed to its own signer ({title}). Check the addressee (Yth.) before submitting.</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <source>Ubah Templat Rute: {name} (versi {version})</source>
        <translation>Edit Route Template: {name} (version {version})</translation>
    </message>
    <message>
        <source>Keterangan templat</source>
        <translation>Template description</translation>
    </message>
    <message>
        <source>Tambah Tahap...</source>
        <translation>Add Stage...</translation>
    </message>
    <message>
        <source>Ubah Tahap...</source>
        <translation>Edit Stage...</translation>
    </message>
    <message>
        <source>Hapus Tahap</source>
        <translation>Remove Stage</translation>
    </message>
    <message>
        <source>Naik</source>
        <translation>Up</translation>
    </message>
    <message>
        <source>Turun</source>
        <translation>Down</translation>
    </message>
    <message>
        <source>Simpan sebagai Versi Baru</source>
        <translation>Save as New Version</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Pilih tahap yang akan diubah</source>
        <translation>Select the stage to edit</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>Jabatan</source>
        <translation>Positions</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Cari...</source>
        <translation>Search...</translation>
    </message>
    <message>
        <source>Tambah Pengguna...</source>
        <translation>Add User...</translation>
    </message>
    <message>
        <source>Ubah...</source>
        <translation>Edit...</translation>
    </message>
    <message>
        <source>Nonaktifkan...</source>
        <translation>Deactivate...</translation>
    </message>
    <message>
        <source>Atur Ulang Kata Sandi...</source>
        <translation>Reset Password...</translation>
    </message>
    <message>
        <source>Aktifkan Kembali...</source>
        <translation>Reactivate...</translation>
    </message>
    <message>
        <source>Tambah Pengguna</source>
        <translation>Add User</translation>
    </message>
    <message>
        <source>NIP (18 digit)</source>
        <translation>NIP (18 digits)</translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Ulangi kata sandi</source>
        <translation>Repeat the password</translation>
    </message>
    <message>
        <source>Pilih jabatan dari daftar</source>
        <translation>Choose a position from the list</translation>
    </message>
    <message>
        <source>Kedua kata sandi tidak sama</source>
        <translation>The two passwords differ</translation>
    </message>
    <message>
        <source>Pengguna {name} ditambahkan</source>
        <translation>User {name} added</translation>
    </message>
    <message>
        <source>Pilih pengguna yang akan diubah</source>
        <translation>Choose the user to edit</translation>
    </message>
    <message>
        <source>mis. Dr. H.</source>
        <translation>e.g. Dr. H.</translation>
    </message>
    <message>
        <source>mis. S.T., M.Si.</source>
        <translation>e.g. S.T., M.Si.</translation>
    </message>
    <message>
        <source>mis. Pembina (IV/a)</source>
        <translation>e.g. Pembina (IV/a)</translation>
    </message>
    <message>
        <source>16 digit (untuk TTE BSrE)</source>
        <translation>16 digits (for BSrE signatures)</translation>
    </message>
    <message>
        <source>Ubah Pengguna: {name}</source>
        <translation>Edit User: {name}</translation>
    </message>
    <message>
        <source>Gelar depan</source>
        <translation>Title before the name</translation>
    </message>
    <message>
        <source>Gelar belakang</source>
        <translation>Degrees after the name</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK (national ID number)</translation>
    </message>
    <message>
        <source>Pangkat/golongan</source>
        <translation>Rank/grade</translation>
    </message>
    <message>
        <source>Data {name} disimpan</source>
        <translation>{name}'s details saved</translation>
    </message>
    <message>
        <source>Nonaktifkan {name}</source>
        <translation>Deactivate {name}</translation>
    </message>
    <message>
        <source>{name} tidak dapat masuk lagi sampai diaktifkan kembali. Naskah dan riwayatnya tetap tersimpan.</source>
        <translation>{name} can no longer sign in until reactivated. Their letters and history are kept.</translation>
    </message>
    <message>
        <source>Aktifkan kembali {name}</source>
        <translation>Reactivate {name}</translation>
    </message>
    <message>
        <source>{name} dapat masuk lagi dengan kata sandinya.</source>
        <translation>{name} can sign in again with their password.</translation>
    </message>
    <message>
        <source>Nonaktifkan</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>Aktifkan</source>
        <translation>Reactivate</translation>
    </message>
    <message>
        <source>{name} dinonaktifkan</source>
        <translation>{name} deactivated</translation>
    </message>
    <message>
        <source>{name} aktif kembali</source>
        <translation>{name} is active again</translation>
    </message>
    <message>
        <source>Buat Kata Sandi Acak</source>
        <translation>Generate a Random Password</translation>
    </message>
    <message>
        <source>Atur ulang kata sandi: {name}</source>
        <translation>Reset password: {name}</translation>
    </message>
    <message>
        <source>Kata sandi baru</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>Ulangi</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <source>Kata sandi baru: {password}
Catat dan sampaikan kepada {name}; kata sandi ini tidak ditampilkan lagi.</source>
        <translation>New password: {password}
Write it down and give it to {name}; it will not be shown again.</translation>
    </message>
    <message>
        <source>Kata sandi {name} diganti</source>
        <translation>{name}'s password changed</translation>
    </message>
</context>
<context>
    <name>VerifyPanel</name>
    <message>
        <source>ya</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>TIDAK</source>
        <translation>NO</translation>
    </message>
    <message>
        <source>YA</source>
        <translation>YES</translation>
    </message>
    <message>
        <source>tidak</source>
        <translation>no</translation>
    </message>
    <message>
        <source>SAH</source>
        <translation>VALID</translation>
    </message>
    <message>
        <source>TIDAK SAH</source>
        <translation>NOT VALID</translation>
    </message>
    <message>
        <source>Penanda tangan</source>
        <translation>Signer</translation>
    </message>
    <message>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Utuh</source>
        <translation>Intact</translation>
    </message>
    <message>
        <source>Tepercaya</source>
        <translation>Trusted</translation>
    </message>
    <message>
        <source>Dicabut</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>Perubahan setelah TTE</source>
        <translation>Changes after signing</translation>
    </message>
    <message>
        <source>Hasil</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Verifikasi Tanda Tangan Elektronik</source>
        <translation>Verify Electronic Signatures</translation>
    </message>
    <message>
        <source>Buka atau seret berkas PDF ke sini. Tanda tangan diperiksa terhadap CA akar dan daftar pencabutan (CRL) di database.</source>
        <translation>Open a PDF file or drop it here. Signatures are checked against the root CAs and the revocation lists (CRL) in the database.</translation>
    </message>
    <message>
        <source>Buka PDF...</source>
        <translation>Open PDF...</translation>
    </message>
    <message>
        <source>Hasil pindai kode QR, alamat verifikasi atau ID naskah</source>
        <translation>Scanned QR code, verification address or letter ID</translation>
    </message>
    <message>
        <source>Buka PDF</source>
        <translation>Open PDF</translation>
    </message>
    <message>
        <source>Bukan kode QR atau ID naskah eoffice</source>
        <translation>Not an eoffice QR code or letter ID</translation>
    </message>
    <message>
        <source>Naskah ini belum ditandatangani</source>
        <translation>This letter has not been signed yet</translation>
    </message>
    <message>
        <source>{name}: tidak dapat dibaca ({reason})</source>
        <translation>{name}: cannot be read ({reason})</translation>
    </message>
    <message>
        <source>Memeriksa {name}...</source>
        <translation>Checking {name}...</translation>
    </message>
    <message>
        <source>{name}: tidak ada tanda tangan elektronik pada berkas ini</source>
        <translation>{name}: this file has no electronic signature</translation>
    </message>
    <message numerus="yes">
        <source>{name}: SAH - %n tanda tangan utuh dan tepercaya</source>
        <translation>
            <numerusform>{name}: VALID - %n signature intact and trusted</numerusform>
            <numerusform>{name}: VALID - %n signatures intact and trusted</numerusform>
        </translation>
    </message>
    <message>
        <source>{name}: TIDAK SAH</source>
        <translation>{name}: NOT VALID</translation>
    </message>
    <message>
        <source>masalah: {problem}</source>
        <translation>problem: {problem}</translation>
    </message>
</context>
<context>
    <name>Windows</name>
    <message>
        <source>Pilih lampiran yang akan dibuka.</source>
        <translation>Choose the attachment to open.</translation>
    </message>
    <message>
        <source>Tidak ada aplikasi untuk membuka {name}</source>
        <translation>No application to open {name}</translation>
    </message>
</context>
<context>
    <name>admin</name>
    <message>
        <source>klasifikasi</source>
        <translation>classification</translation>
    </message>
    <message>
        <source>sifat</source>
        <translation>urgency</translation>
    </message>
    <message>
        <source>jenis</source>
        <translation>kind</translation>
    </message>
    <message>
        <source>salah satu dari</source>
        <translation>one of</translation>
    </message>
    <message>
        <source>bukan</source>
        <translation>not</translation>
    </message>
    <message>
        <source>jika {field} {op} {value}</source>
        <translation>if {field} {op} {value}</translation>
    </message>
    <message>
        <source>(tanpa kondisi)</source>
        <translation>(no condition)</translation>
    </message>
    <message>
        <source>semua</source>
        <translation>all</translation>
    </message>
    <message>
        <source>Urutan</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Tahap</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Kuorum</source>
        <translation>Quorum</translation>
    </message>
    <message>
        <source>SLA (jam)</source>
        <translation>SLA (hours)</translation>
    </message>
    <message>
        <source>Kondisi</source>
        <translation>Condition</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>EOFFICE_DB tidak valid</source>
        <translation>EOFFICE_DB is not valid</translation>
    </message>
    <message>
        <source>Periksa EOFFICE_DB.</source>
        <translation>Check EOFFICE_DB.</translation>
    </message>
</context>
<context>
    <name>assignees</name>
    <message>
        <source>Kepala Seksi / Subbidang</source>
        <translation>Head of Section / Subdivision</translation>
    </message>
    <message>
        <source>Kepala Bidang</source>
        <translation>Head of Division</translation>
    </message>
    <message>
        <source>Kepala Perangkat Daerah</source>
        <translation>Head of the Regional Agency</translation>
    </message>
    <message>
        <source>Sekretaris Perangkat Daerah</source>
        <translation>Secretary of the Regional Agency</translation>
    </message>
    <message>
        <source>Petugas agenda</source>
        <translation>Registry clerk</translation>
    </message>
    <message>
        <source>Tata Usaha Pimpinan</source>
        <translation>Leadership's Administration Office</translation>
    </message>
    <message>
        <source>Sekretaris Daerah</source>
        <translation>Regional Secretary</translation>
    </message>
    <message>
        <source>Asisten Sekretaris Daerah</source>
        <translation>Assistant to the Regional Secretary</translation>
    </message>
    <message>
        <source>Gubernur</source>
        <translation>Governor</translation>
    </message>
    <message>
        <source>Wakil Gubernur</source>
        <translation>Vice Governor</translation>
    </message>
    <message>
        <source>Biro Hukum</source>
        <translation>Legal Bureau</translation>
    </message>
    <message>
        <source>Pengendali naskah rahasia</source>
        <translation>Controller of confidential letters</translation>
    </message>
    <message>
        <source>Staf pelaksana</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>{role} (menurut unit konseptor)</source>
        <translation>{role} (by the drafter's unit)</translation>
    </message>
    <message>
        <source>Pemegang peran ini yang terdekat dengan unit konseptor. Jabatan: {titles}</source>
        <translation>The holder of this role nearest to the drafter's unit. Positions: {titles}</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>{path}: tidak dapat ditulis</source>
        <translation>{path}: cannot be written</translation>
    </message>
</context>
<context>
    <name>models</name>
    <message>
        <source>Sifat</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>Hal</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>(untuk {who})</source>
        <translation>(for {who})</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Tahap/Status</source>
        <translation>Stage/Status</translation>
    </message>
    <message>
        <source>Dari</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Batas</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Diperbarui</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Kepada</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Instruksi</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Laporan</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Diterima</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Diterima, belum dibaca</source>
        <translation>Received, not read yet</translation>
    </message>
    <message>
        <source>Dikembalikan untuk diperbaiki</source>
        <translation>Returned for revision</translation>
    </message>
</context>
<context>
    <name>notify</name>
    <message numerus="yes">
        <source>%n naskah baru perlu tanda tangan</source>
        <translation>
            <numerusform>%n new letter to sign</numerusform>
            <numerusform>%n new letters to sign</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n naskah baru perlu paraf</source>
        <translation>
            <numerusform>%n new letter to initial</numerusform>
            <numerusform>%n new letters to initial</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n disposisi baru</source>
        <translation>
            <numerusform>%n new disposition</numerusform>
            <numerusform>%n new dispositions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n naskah baru diterima</source>
        <translation>
            <numerusform>%n new letter received</numerusform>
            <numerusform>%n new letters received</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n naskah Anda dikembalikan untuk diperbaiki</source>
        <translation>
            <numerusform>%n of your letters returned for revision</numerusform>
            <numerusform>%n of your letters returned for revision</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pengingat baru: naskah melewati batas waktu</source>
        <translation>
            <numerusform>%n new reminder: a letter is past its deadline</numerusform>
            <numerusform>%n new reminders: letters past their deadline</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reading</name>
    <message>
        <source>Tahap</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>Kesalahan tak terduga: {error}</source>
        <translation>Unexpected error: {error}</translation>
    </message>
</context>
<context>
    <name>text</name>
    <message>
        <source>Nota Dinas</source>
        <translation>Memorandum (Nota Dinas)</translation>
    </message>
    <message>
        <source>Surat Dinas</source>
        <translation>Official Letter (Surat Dinas)</translation>
    </message>
    <message>
        <source>Surat Undangan</source>
        <translation>Invitation (Surat Undangan)</translation>
    </message>
    <message>
        <source>Surat Edaran</source>
        <translation>Circular (Surat Edaran)</translation>
    </message>
    <message>
        <source>Surat Keputusan</source>
        <translation>Decree (Surat Keputusan)</translation>
    </message>
    <message>
        <source>Surat Tugas</source>
        <translation>Assignment Letter (Surat Tugas)</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>Memo</translation>
    </message>
    <message>
        <source>Berita Acara</source>
        <translation>Official Report (Berita Acara)</translation>
    </message>
    <message>
        <source>Naskah Masuk</source>
        <translation>Incoming Letter</translation>
    </message>
    <message>
        <source>Draf</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Dalam review</source>
        <translation>In review</translation>
    </message>
    <message>
        <source>Dikembalikan</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Menunggu TTE</source>
        <translation>Awaiting signature</translation>
    </message>
    <message>
        <source>Ditandatangani</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>Terkirim</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Ditolak</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Ditarik</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>Terdaftar</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Arsip</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>Tindak lanjuti</source>
        <translation>Follow up</translation>
    </message>
    <message>
        <source>Pelajari dan beri saran</source>
        <translation>Study and advise</translation>
    </message>
    <message>
        <source>Hadiri / wakili</source>
        <translation>Attend / send a representative</translation>
    </message>
    <message>
        <source>Siapkan bahan</source>
        <translation>Prepare material</translation>
    </message>
    <message>
        <source>Siapkan konsep jawaban</source>
        <translation>Draft a reply</translation>
    </message>
    <message>
        <source>Untuk diketahui</source>
        <translation>For your information</translation>
    </message>
    <message>
        <source>Koordinasikan</source>
        <translation>Coordinate</translation>
    </message>
    <message>
        <source>Proses sesuai ketentuan</source>
        <translation>Process according to the rules</translation>
    </message>
    <message>
        <source>Bicarakan dengan saya</source>
        <translation>Discuss with me</translation>
    </message>
    <message>
        <source>Edarkan</source>
        <translation>Circulate</translation>
    </message>
    <message>
        <source>Arsipkan</source>
        <translation>File it</translation>
    </message>
    <message>
        <source>Biasa</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Segera</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>Sangat Segera</source>
        <translation>Top Urgent</translation>
    </message>
    <message>
        <source>Terbatas</source>
        <translation>Restricted</translation>
    </message>
    <message>
        <source>Rahasia</source>
        <translation>Secret</translation>
    </message>
    <message>
        <source>Paraf</source>
        <translation>Initials (paraf)</translation>
    </message>
    <message>
        <source>Persetujuan</source>
        <translation>Approval</translation>
    </message>
    <message>
        <source>Tanda tangan (TTE)</source>
        <translation>Signature (TTE)</translation>
    </message>
    <message>
        <source>Penomoran</source>
        <translation>Numbering</translation>
    </message>
    <message>
        <source>Pengiriman</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <source>menunggu</source>
        <translation>pending</translation>
    </message>
    <message>
        <source>disetujui</source>
        <translation>approved</translation>
    </message>
    <message>
        <source>dikembalikan</source>
        <translation>returned</translation>
    </message>
    <message>
        <source>Keputusan</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Konsep naskah baru</source>
        <translation>New draft letter</translation>
    </message>
    <message>
        <source>Perbaikan naskah</source>
        <translation>Letter revision</translation>
    </message>
    <message>
        <source>Pengajuan naskah</source>
        <translation>Letter submission</translation>
    </message>
    <message>
        <source>Penarikan naskah</source>
        <translation>Letter withdrawal</translation>
    </message>
    <message>
        <source>Penerusan naskah</source>
        <translation>Letter forwarding</translation>
    </message>
    <message>
        <source>Disposisi</source>
        <translation>Disposition (disposisi)</translation>
    </message>
    <message>
        <source>Laporan selesai disposisi</source>
        <translation>Disposition done report</translation>
    </message>
    <message>
        <source>Pencatatan naskah masuk</source>
        <translation>Incoming letter registration</translation>
    </message>
    <message>
        <source>Tanda sudah dibaca</source>
        <translation>Marked as read</translation>
    </message>
    <message>
        <source>Penandatanganan (TTE)</source>
        <translation>Electronic signature (TTE)</translation>
    </message>
    <message>
        <source>setuju</source>
        <translation>approve</translation>
    </message>
    <message>
        <source>kembalikan</source>
        <translation>return</translation>
    </message>
    <message>
        <source>tolak</source>
        <translation>reject</translation>
    </message>
    <message>
        <source>menunggu sinkronisasi</source>
        <translation>waiting to sync</translation>
    </message>
    <message>
        <source>diterapkan</source>
        <translation>applied</translation>
    </message>
    <message>
        <source>ditolak</source>
        <translation>rejected</translation>
    </message>
    <message>
        <source>tertahan</source>
        <translation>on hold</translation>
    </message>
    <message>
        <source>dibuang</source>
        <translation>discarded</translation>
    </message>
    <message>
        <source>dilewati</source>
        <translation>skipped</translation>
    </message>
    <message>
        <source>dibatalkan</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>belum</source>
        <translation>not yet</translation>
    </message>
    <message>
        <source>diteruskan</source>
        <translation>forwarded</translation>
    </message>
    <message>
        <source>Catatan pengembalian</source>
        <translation>Return note</translation>
    </message>
    <message>
        <source>Alasan penolakan</source>
        <translation>Reason for rejection</translation>
    </message>
    <message>
        <source>Pengingat</source>
        <translation>Reminder</translation>
    </message>
    <message>
        <source>Komentar</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Alasan penarikan</source>
        <translation>Reason for withdrawal</translation>
    </message>
    <message>
        <source>Pengguna</source>
        <translation>User</translation>
    </message>
    <message>
        <source>CA akar</source>
        <translation>Root CA</translation>
    </message>
    <message>
        <source>CA penerbit</source>
        <translation>Issuing CA</translation>
    </message>
    <message>
        <source>Permintaan sertifikat</source>
        <translation>Certificate request</translation>
    </message>
    <message>
        <source>Draf dibuat</source>
        <translation>Draft created</translation>
    </message>
    <message>
        <source>Naskah diperbaiki</source>
        <translation>Letter revised</translation>
    </message>
    <message>
        <source>Lampiran ditambahkan</source>
        <translation>Attachment added</translation>
    </message>
    <message>
        <source>Lampiran dihapus</source>
        <translation>Attachment removed</translation>
    </message>
    <message>
        <source>Ditandatangani secara elektronik (TTE)</source>
        <translation>Signed electronically (TTE)</translation>
    </message>
    <message>
        <source>Ditandatangani salah satu pihak (TTE)</source>
        <translation>Signed electronically by one of the parties</translation>
    </message>
    <message>
        <source>Ditarik oleh pembuat</source>
        <translation>Withdrawn by the drafter</translation>
    </message>
    <message>
        <source>Dibaca penerima</source>
        <translation>Read by a recipient</translation>
    </message>
    <message>
        <source>Data validasi jangka panjang ditambahkan</source>
        <translation>Long-term validation data added</translation>
    </message>
    <message>
        <source>Paraf pada PDF diulang</source>
        <translation>Initials on the PDF redone</translation>
    </message>
    <message>
        <source>Diajukan ke rute</source>
        <translation>Submitted on its route</translation>
    </message>
    <message>
        <source>Diajukan kembali setelah revisi</source>
        <translation>Resubmitted after revision</translation>
    </message>
    <message>
        <source>Disetujui / diparaf</source>
        <translation>Approved / initialled</translation>
    </message>
    <message>
        <source>Dikembalikan ke pembuat</source>
        <translation>Returned to the drafter</translation>
    </message>
    <message>
        <source>Ditarik dari rute</source>
        <translation>Withdrawn from the route</translation>
    </message>
    <message>
        <source>Diteruskan</source>
        <translation>Forwarded</translation>
    </message>
    <message>
        <source>Pengingat batas waktu</source>
        <translation>Deadline reminder</translation>
    </message>
    <message>
        <source>Naskah masuk didaftarkan</source>
        <translation>Incoming letter registered</translation>
    </message>
    <message>
        <source>Disposisi dikirim</source>
        <translation>Disposition sent</translation>
    </message>
    <message>
        <source>Disposisi dibaca</source>
        <translation>Disposition read</translation>
    </message>
    <message>
        <source>Disposisi dilaporkan selesai</source>
        <translation>Disposition reported done</translation>
    </message>
    <message>
        <source>Templat rute diimpor</source>
        <translation>Route template imported</translation>
    </message>
    <message>
        <source>Format nomor diatur</source>
        <translation>Number format set</translation>
    </message>
    <message>
        <source>Unit ditambahkan</source>
        <translation>Unit added</translation>
    </message>
    <message>
        <source>Jabatan ditambahkan</source>
        <translation>Position added</translation>
    </message>
    <message>
        <source>Pengguna ditambahkan</source>
        <translation>User added</translation>
    </message>
    <message>
        <source>Data pengguna diubah</source>
        <translation>User details changed</translation>
    </message>
    <message>
        <source>Kata sandi diganti</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <source>Login gagal</source>
        <translation>Failed login</translation>
    </message>
    <message>
        <source>Delegasi dibuat</source>
        <translation>Delegation created</translation>
    </message>
    <message>
        <source>CA organisasi dibuat</source>
        <translation>Organisation CA created</translation>
    </message>
    <message>
        <source>Sertifikat diterbitkan</source>
        <translation>Certificate issued</translation>
    </message>
    <message>
        <source>Sertifikat dicabut</source>
        <translation>Certificate revoked</translation>
    </message>
    <message>
        <source>Permintaan sertifikat diajukan</source>
        <translation>Certificate requested</translation>
    </message>
    <message>
        <source>Sertifikat dari CA luar dipublikasikan</source>
        <translation>Certificate from an external CA published</translation>
    </message>
    <message>
        <source>Hari libur ditambahkan</source>
        <translation>Holiday added</translation>
    </message>
    <message>
        <source>Hari libur dihapus</source>
        <translation>Holiday removed</translation>
    </message>
    <message>
        <source>Pengaturan diubah</source>
        <translation>Setting changed</translation>
    </message>
    <message>
        <source>Data demo dibuat</source>
        <translation>Demo data created</translation>
    </message>
    <message>
        <source>Peristiwa lain</source>
        <translation>Other event</translation>
    </message>
    <message>
        <source>Dibaca</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Baru</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Sudah didisposisikan</source>
        <translation>Disposed</translation>
    </message>
    <message>
        <source>tidak ada perubahan</source>
        <translation>no changes</translation>
    </message>
    <message>
        <source>hanya pembaruan validasi (LTA)</source>
        <translation>validation updates only (LTA)</translation>
    </message>
    <message>
        <source>pengisian formulir</source>
        <translation>form filling</translation>
    </message>
    <message>
        <source>anotasi ditambahkan</source>
        <translation>annotations added</translation>
    </message>
    <message>
        <source>PERUBAHAN LAIN</source>
        <translation>OTHER CHANGES</translation>
    </message>
    <message>
        <source>tidak diketahui</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>ya</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>tidak</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>