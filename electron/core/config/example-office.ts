// The built-in example office's own texts, in every language the kiosk speaks, so that the
// example (and a configuration that leaves a field out) never shows English inside Nepali.
// Fictional values: a real office writes its own (`doctor` warns for every language it misses).
import type { LanguageCode } from '../../shared/languages.js';

type PerLanguage = Record<LanguageCode, string>;

export const EXAMPLE_OFFICE_NAME: PerLanguage = {
  ja: '例示市役所 市民課',
  'ja-x-easy': '{例示市役所|れいじしやくしょ} {市民課|しみんか}',
  en: 'Example City Hall, Residents Section',
  'zh-Hans': '示例市政府 市民课',
  'zh-Hant': '示例市政府 市民課',
  ko: '예시 시청 시민과',
  vi: 'Tòa thị chính Thành phố Mẫu, Ban Cư dân',
  ne: 'उदाहरण नगरपालिका, नागरिक शाखा',
  fil: 'Example City Hall, Seksyon para sa mga Residente',
  'pt-BR': 'Prefeitura de Exemplo, Seção de Atendimento ao Morador',
  es: 'Ayuntamiento de Ejemplo, Sección de Residentes',
  id: 'Balai Kota Contoh, Bagian Kependudukan',
  th: 'ศาลาว่าการเมืองตัวอย่าง แผนกผู้พักอาศัย',
  my: 'နမူနာ မြို့တော်ခန်းမ၊ နေထိုင်သူများဌာန',
};

export const EXAMPLE_OFFICE_CONTACT: PerLanguage = {
  ja: '市民課 総合窓口（電話 00-0000-0000）',
  'ja-x-easy': '{市民課|しみんか}の{窓口|まどぐち}（{電話|でんわ} 00-0000-0000）',
  en: 'Residents Section front desk (tel. 00-0000-0000)',
  'zh-Hans': '市民课综合窗口（电话 00-0000-0000）',
  'zh-Hant': '市民課綜合窗口（電話 00-0000-0000）',
  ko: '시민과 종합창구(전화 00-0000-0000)',
  vi: 'quầy tiếp dân của Ban Cư dân (điện thoại 00-0000-0000)',
  ne: 'नागरिक शाखाको सोधपुछ काउन्टर (फोन 00-0000-0000)',
  fil: 'front desk ng Seksyon para sa mga Residente (tel. 00-0000-0000)',
  'pt-BR': 'balcão de atendimento da Seção de Atendimento ao Morador (tel. 00-0000-0000)',
  es: 'mostrador de la Sección de Residentes (tel. 00-0000-0000)',
  id: 'loket Bagian Kependudukan (tel. 00-0000-0000)',
  th: 'เคาน์เตอร์แผนกผู้พักอาศัย (โทร. 00-0000-0000)',
  my: 'နေထိုင်သူများဌာန ကောင်တာ (ဖုန်း 00-0000-0000)',
};

export const EXAMPLE_RECORDING_ACCESS: PerLanguage = {
  ja: '担当課の管理職と、記録の管理を担当する職員',
  'ja-x-easy': 'この{課|か}の{課長|かちょう}など、{記録|きろく}を{管理|かんり}する{職員|しょくいん}',
  en: 'managers of the section concerned and the staff who manage records',
  'zh-Hans': '相关科室的管理人员和负责管理记录的职员',
  'zh-Hant': '相關科室的管理人員和負責管理紀錄的職員',
  ko: '담당 부서의 관리자와 기록 관리를 맡은 직원',
  vi: 'cán bộ quản lý của ban phụ trách và nhân viên quản lý hồ sơ',
  ne: 'सम्बन्धित शाखाका प्रबन्धक र अभिलेख व्यवस्थापन गर्ने कर्मचारी',
  fil: 'mga tagapamahala ng seksyong may kinalaman at mga kawaning namamahala ng mga rekord',
  'pt-BR': 'os gestores da seção responsável e os servidores que administram os registros',
  es: 'los responsables de la sección correspondiente y el personal que gestiona los registros',
  id: 'pimpinan bagian terkait dan petugas yang mengelola arsip',
  th: 'ผู้บริหารของแผนกที่รับผิดชอบ และเจ้าหน้าที่ที่ดูแลบันทึก',
  my: 'သက်ဆိုင်ရာဌာန၏ မန်နေဂျာများနှင့် မှတ်တမ်းထိန်းသိမ်းသည့် ဝန်ထမ်းများ',
};

export const EXAMPLE_RESIDENT_RECORDING_REASON: PerLanguage = {
  ja: 'ほかの来庁者のプライバシーと職員の肖像を守り、情報の漏えいを防ぐためです。',
  'ja-x-easy': 'ほかの{人|ひと}と{職員|しょくいん}を{守|まも}るためです。{大切|たいせつ}な{情報|じょうほう}が{外|そと}に{出|で}ないようにするためです。',
  en: "This protects other visitors' privacy and staff members' portraits, and prevents leaks of information.",
  'zh-Hans': '这是为了保护其他来访者的隐私和职员的肖像，并防止信息泄露。',
  'zh-Hant': '這是為了保護其他來訪者的隱私和職員的肖像，並防止資訊外洩。',
  ko: '다른 방문자의 사생활과 직원의 초상을 보호하고 정보 유출을 막기 위해서입니다.',
  vi: 'Việc này nhằm bảo vệ quyền riêng tư của những người đến làm việc khác và hình ảnh của nhân viên, đồng thời ngăn rò rỉ thông tin.',
  ne: 'यो अरू आगन्तुकहरूको गोपनीयता र कर्मचारीको तस्बिरको सुरक्षा गर्न, र सूचना चुहिन नदिन हो।',
  fil: 'Ito ay para protektahan ang privacy ng ibang bisita at ang larawan ng mga kawani, at para hindi kumalat ang impormasyon.',
  'pt-BR': 'Isso protege a privacidade dos outros visitantes e a imagem dos servidores, e evita o vazamento de informações.',
  es: 'Así se protege la privacidad de los demás visitantes y la imagen del personal, y se evita la filtración de información.',
  id: 'Ini untuk melindungi privasi pengunjung lain dan citra diri petugas, serta mencegah kebocoran informasi.',
  th: 'เพื่อคุ้มครองความเป็นส่วนตัวของผู้มาติดต่อคนอื่น และภาพของเจ้าหน้าที่ รวมทั้งป้องกันข้อมูลรั่วไหล',
  my: 'အခြားလာရောက်သူများ၏ ကိုယ်ရေးလုံခြုံမှုနှင့် ဝန်ထမ်းများ၏ ပုံရိပ်ကို ကာကွယ်ရန်နှင့် သတင်းအချက်အလက် ပေါက်ကြားမှုကို တားဆီးရန် ဖြစ်ပါသည်။',
};
