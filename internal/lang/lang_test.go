package lang

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// samples holds a few sentences per supported language.
var samples = map[string][]string{
	"en": {
		"The city council voted on Tuesday to expand the bus network, adding three new routes to the northern suburbs.",
		"Residents who had waited years for a direct connection said they were relieved, although some questioned the cost.",
		"The first buses will run in the spring, and the council will review the timetable after six months.",
	},
	"de": {
		"Der Stadtrat hat am Dienstag beschlossen, das Busnetz zu erweitern und drei neue Linien in die nördlichen Vororte einzurichten.",
		"Viele Anwohner, die seit Jahren auf eine direkte Verbindung gewartet hatten, zeigten sich erleichtert, auch wenn einige die Kosten kritisierten.",
		"Die ersten Busse sollen im Frühjahr fahren, und nach sechs Monaten wird der Fahrplan noch einmal überprüft.",
	},
	"fr": {
		"Le conseil municipal a voté mardi l'extension du réseau de bus, avec trois nouvelles lignes vers les banlieues du nord.",
		"Les habitants qui attendaient depuis des années une liaison directe se sont dits soulagés, même si certains s'interrogent sur le coût.",
		"Les premiers bus circuleront au printemps et le conseil réexaminera les horaires après six mois.",
	},
	"es": {
		"El ayuntamiento aprobó el martes la ampliación de la red de autobuses, con tres nuevas líneas hacia los barrios del norte.",
		"Los vecinos que llevaban años esperando una conexión directa se mostraron aliviados, aunque algunos cuestionaron el coste.",
		"Los primeros autobuses circularán en primavera y el ayuntamiento revisará los horarios después de seis meses.",
	},
	"pt": {
		"A câmara municipal aprovou na terça-feira a ampliação da rede de ônibus, com três novas linhas para os bairros do norte.",
		"Os moradores que esperavam há anos por uma ligação direta disseram estar aliviados, embora alguns tenham questionado o custo.",
		"Os primeiros ônibus vão circular na primavera, e a câmara vai rever os horários depois de seis meses.",
	},
	"it": {
		"Il consiglio comunale ha approvato martedì l'ampliamento della rete degli autobus, con tre nuove linee verso i quartieri del nord.",
		"Gli abitanti che aspettavano da anni un collegamento diretto si sono detti sollevati, anche se alcuni hanno criticato i costi.",
		"I primi autobus entreranno in servizio in primavera e il consiglio rivedrà gli orari dopo sei mesi.",
	},
	"nl": {
		"De gemeenteraad heeft dinsdag besloten het busnetwerk uit te breiden met drie nieuwe lijnen naar de noordelijke wijken.",
		"Bewoners die al jaren op een directe verbinding wachtten, zeiden opgelucht te zijn, al hadden sommigen vragen over de kosten.",
		"De eerste bussen gaan in het voorjaar rijden en na zes maanden wordt de dienstregeling opnieuw bekeken.",
	},
	"sv": {
		"Kommunfullmäktige beslutade på tisdagen att bygga ut bussnätet med tre nya linjer till de norra förorterna.",
		"De boende som hade väntat i flera år på en direkt förbindelse sade att de var lättade, även om några ifrågasatte kostnaden.",
		"De första bussarna ska börja gå under våren och tidtabellen kommer att ses över efter sex månader.",
	},
	"da": {
		"Byrådet besluttede tirsdag at udvide busnettet med tre nye linjer til de nordlige forstæder.",
		"Beboerne, som i mange år havde ventet på en direkte forbindelse, sagde at de var lettede, men nogle af dem var i tvivl om prisen.",
		"De første busser skal køre fra foråret, og køreplanen bliver gennemgået igen efter seks måneder.",
	},
	"no": {
		"Bystyret vedtok tirsdag å bygge ut bussnettet med tre nye linjer til de nordlige forstedene.",
		"Beboerne, som i mange år hadde ventet på en direkte forbindelse, sa at de var lettet, men noen av dem var i tvil om prisen.",
		"De første bussene skal gå fra våren av, og rutetabellen blir gjennomgått igjen etter seks måneder.",
	},
	"fi": {
		"Kaupunginvaltuusto päätti tiistaina laajentaa bussiverkkoa kolmella uudella linjalla pohjoisiin lähiöihin.",
		"Asukkaat, jotka olivat odottaneet suoraa yhteyttä jo vuosia, sanoivat olevansa helpottuneita, mutta osa heistä kyseenalaisti kustannukset.",
		"Ensimmäiset bussit alkavat kulkea keväällä, ja aikataulu tarkistetaan vielä kuuden kuukauden jälkeen.",
	},
	"pl": {
		"Rada miejska zdecydowała we wtorek o rozbudowie sieci autobusowej i uruchomieniu trzech nowych linii do północnych dzielnic.",
		"Mieszkańcy, którzy od lat czekali na bezpośrednie połączenie, mówili, że czują ulgę, choć niektórzy pytali o koszty.",
		"Pierwsze autobusy wyjadą na ulice wiosną, a po sześciu miesiącach rozkład jazdy zostanie jeszcze raz sprawdzony.",
	},
	"cs": {
		"Městská rada v úterý schválila rozšíření autobusové sítě o tři nové linky do severních čtvrtí.",
		"Obyvatelé, kteří na přímé spojení čekali už několik let, řekli, že se jim ulevilo, ale někteří se ptali na náklady.",
		"První autobusy vyjedou na jaře a po šesti měsících bude jízdní řád znovu posouzen.",
	},
	"sk": {
		"Mestské zastupiteľstvo v utorok schválilo rozšírenie autobusovej siete o tri nové linky do severných štvrtí.",
		"Obyvatelia, ktorí na priame spojenie čakali už niekoľko rokov, povedali, že sa im uľavilo, ale niektorí sa pýtali na náklady.",
		"Prvé autobusy vyjdú na jar a po šiestich mesiacoch bude cestovný poriadok ešte raz posúdený.",
	},
	"tr": {
		"Belediye meclisi salı günü otobüs ağının genişletilmesine ve kuzeydeki semtlere üç yeni hat açılmasına karar verdi.",
		"Yıllardır doğrudan bir bağlantı bekleyen mahalle sakinleri rahatladıklarını söyledi, ancak bazıları maliyeti sorguladı.",
		"İlk otobüsler ilkbaharda sefere başlayacak ve tarife altı ay sonra yeniden gözden geçirilecek.",
	},
	"ro": {
		"Consiliul local a aprobat marți extinderea rețelei de autobuze, cu trei linii noi către cartierele din nord.",
		"Locuitorii care așteptau de ani de zile o legătură directă au spus că sunt ușurați, deși unii au pus întrebări despre costuri.",
		"Primele autobuze vor circula în primăvară, iar consiliul va revizui orarul după șase luni.",
	},
	"hu": {
		"A városi közgyűlés kedden úgy döntött, hogy bővíti a buszhálózatot, és három új járatot indít az északi külvárosokba.",
		"A lakók, akik évek óta vártak a közvetlen összeköttetésre, azt mondták, hogy megkönnyebbültek, bár néhányan a költségeket is szóvá tették.",
		"Az első buszok tavasszal indulnak, és a menetrendet hat hónap után még egyszer felülvizsgálják.",
	},
	"id": {
		"Dewan kota pada hari Selasa memutuskan untuk memperluas jaringan bus dengan tiga jalur baru ke pinggiran utara.",
		"Warga yang sudah bertahun-tahun menunggu sambungan langsung mengatakan bahwa mereka merasa lega, meskipun beberapa dari mereka mempertanyakan biayanya.",
		"Bus pertama akan mulai beroperasi pada musim semi dan jadwalnya akan ditinjau kembali setelah enam bulan.",
	},
	"vi": {
		"Hội đồng thành phố đã quyết định vào thứ Ba mở rộng mạng lưới xe buýt với ba tuyến mới đến các khu ngoại ô phía bắc.",
		"Những người dân đã chờ đợi một tuyến đường trực tiếp trong nhiều năm cho biết họ cảm thấy nhẹ nhõm, nhưng một số người vẫn đặt câu hỏi về chi phí.",
		"Những chiếc xe buýt đầu tiên sẽ chạy vào mùa xuân và lịch trình sẽ được xem xét lại sau sáu tháng.",
	},
	"ca": {
		"L'ajuntament va aprovar dimarts l'ampliació de la xarxa d'autobusos, amb tres línies noves cap als barris del nord.",
		"Els veïns que esperaven des de fa anys una connexió directa es van mostrar alleujats, tot i que alguns van qüestionar el cost.",
		"Els primers autobusos circularan a la primavera i l'ajuntament revisarà els horaris després de sis mesos.",
	},
	"ru": {
		"Городской совет во вторник решил расширить автобусную сеть и открыть три новых маршрута в северные районы.",
		"Жители, которые много лет ждали прямого сообщения, сказали, что испытали облегчение, хотя некоторые из них усомнились в стоимости.",
		"Первые автобусы выйдут на линии весной, а через шесть месяцев расписание ещё раз пересмотрят.",
	},
	"uk": {
		"Міська рада у вівторок вирішила розширити автобусну мережу і відкрити три нові маршрути до північних районів.",
		"Мешканці, які багато років чекали на пряме сполучення, сказали, що відчули полегшення, хоча дехто з них засумнівався у вартості.",
		"Перші автобуси вийдуть на лінії навесні, а через шість місяців розклад ще раз переглянуть.",
	},
	"bg": {
		"Общинският съвет реши във вторник да разшири автобусната мрежа с три нови линии към северните квартали.",
		"Жителите, които от години чакаха пряка връзка, казаха, че са облекчени, но някои от тях поставиха въпроса за цената.",
		"Първите автобуси ще тръгнат през пролетта, а след шест месеца разписанието ще бъде преразгледано.",
	},
	"sr": {
		"Градско веће је у уторак одлучило да прошири аутобуску мрежу са три нове линије према северним насељима.",
		"Становници који су годинама чекали на директну везу рекли су да им је лакнуло, али су неки од њих поставили питање цене.",
		"Први аутобуси ће кренути на пролеће, а ред вожње ће бити поново размотрен после шест месеци.",
	},
	"ar": {
		"قرر المجلس البلدي يوم الثلاثاء توسيع شبكة الحافلات وإضافة ثلاثة خطوط جديدة إلى الأحياء الشمالية.",
		"وقال السكان الذين انتظروا منذ سنوات خطا مباشرا إنهم يشعرون بالارتياح، لكن بعضهم تساءل عن التكلفة.",
		"وستبدأ الحافلات الأولى العمل في فصل الربيع، على أن يراجع المجلس الجدول بعد ستة أشهر.",
	},
	"fa": {
		"شورای شهر روز سه\u200cشنبه تصمیم گرفت شبکه اتوبوسرانی را گسترش دهد و سه خط تازه به محله\u200cهای شمالی اضافه کند.",
		"ساکنانی که سال\u200cها منتظر یک ارتباط مستقیم بودند گفتند که خیالشان راحت شده است، اما برخی از آنها درباره هزینه پرسیدند.",
		"نخستین اتوبوس\u200cها در بهار به راه می\u200cافتند و جدول حرکت پس از شش ماه دوباره بررسی خواهد شد.",
	},
	"ur": {
		"شہر کی کونسل نے منگل کو بس نیٹ ورک کو وسعت دینے اور شمالی علاقوں کے لیے تین نئے روٹ شروع کرنے کا فیصلہ کیا۔",
		"جو لوگ برسوں سے براہ راست رابطے کا انتظار کر رہے تھے انہوں نے کہا کہ انہیں سکون ملا ہے، لیکن کچھ نے لاگت پر سوال اٹھایا۔",
		"پہلی بسیں بہار میں چلیں گی اور چھ ماہ بعد ٹائم ٹیبل کا دوبارہ جائزہ لیا جائے گا۔",
	},
	"hi": {
		"नगर परिषद ने मंगलवार को बस नेटवर्क का विस्तार करने और उत्तरी इलाकों के लिए तीन नए मार्ग शुरू करने का फैसला किया।",
		"जो लोग कई सालों से सीधे संपर्क का इंतजार कर रहे थे, उन्होंने कहा कि उन्हें राहत मिली है, लेकिन कुछ ने लागत पर सवाल उठाए।",
		"पहली बसें वसंत में चलेंगी और छह महीने बाद समय सारणी की फिर से समीक्षा की जाएगी।",
	},
	"mr": {
		"नगर परिषदेने मंगळवारी बस सेवेचा विस्तार करण्याचा आणि उत्तरेकडील भागांसाठी तीन नवे मार्ग सुरू करण्याचा निर्णय घेतला आहे.",
		"जे नागरिक अनेक वर्षांपासून थेट जोडणीची वाट पाहत होते, त्यांनी आता दिलासा मिळाला असे सांगितले, पण काही जणांनी खर्चाबद्दल प्रश्न विचारले आहेत.",
		"पहिल्या बस वसंत ऋतूमध्ये धावतील आणि सहा महिन्यांनंतर वेळापत्रकाचा पुन्हा आढावा घेतला जाईल, असे ते म्हणाले.",
	},
	"ne": {
		"नगर परिषदले मङ्गलबार बस सेवा विस्तार गर्ने र उत्तरी क्षेत्रका लागि तीन नयाँ मार्ग सुरु गर्ने निर्णय गरेको छ।",
		"धेरै वर्षदेखि सिधा सम्पर्कको पर्खाइमा रहेका बासिन्दाले राहत पाएको बताए, तर केहीले खर्चबारे प्रश्न पनि उठाए।",
		"पहिलो बस वसन्तमा चल्नेछ र छ महिनापछि समय तालिका फेरि हेरिनेछ भने उनी भन्छन्।",
	},
	"el": {
		"Το δημοτικό συμβούλιο αποφάσισε την Τρίτη να επεκτείνει το δίκτυο λεωφορείων με τρεις νέες γραμμές προς τα βόρεια προάστια.",
		"Οι κάτοικοι που περίμεναν χρόνια μια απευθείας σύνδεση είπαν ότι ανακουφίστηκαν, αν και ορισμένοι αμφισβήτησαν το κόστος.",
		"Τα πρώτα λεωφορεία θα κυκλοφορήσουν την άνοιξη και το δρομολόγιο θα επανεξεταστεί μετά από έξι μήνες.",
	},
	"he": {
		"מועצת העיר החליטה ביום שלישי להרחיב את רשת האוטובוסים ולהוסיף שלושה קווים חדשים לשכונות הצפוניות.",
		"תושבים שחיכו שנים לקו ישיר אמרו שהם חשים הקלה, אם כי חלקם הטילו ספק בעלות.",
		"האוטובוסים הראשונים יצאו לדרך באביב, ולוח הזמנים ייבחן מחדש אחרי שישה חודשים.",
	},
	"th": {
		"สภาเมืองมีมติเมื่อวันอังคารให้ขยายเครือข่ายรถโดยสารประจำทางและเพิ่มเส้นทางใหม่สามเส้นทางไปยังชานเมืองทางเหนือ",
		"ชาวบ้านที่รอคอยเส้นทางตรงมาหลายปีกล่าวว่ารู้สึกโล่งใจ แม้บางคนจะตั้งคำถามเรื่องค่าใช้จ่าย",
		"รถโดยสารคันแรกจะเริ่มวิ่งในฤดูใบไม้ผลิ และจะมีการทบทวนตารางเวลาอีกครั้งหลังจากหกเดือน",
	},
	"ko": {
		"시의회는 화요일 버스 노선망을 확대하고 북부 교외 지역으로 가는 새 노선 세 개를 신설하기로 결정했다.",
		"수년 동안 직행 노선을 기다려 온 주민들은 안도했다고 말했지만 일부는 비용에 대해 의문을 제기했다.",
		"첫 버스는 봄부터 운행을 시작하며 시간표는 여섯 달 뒤에 다시 검토될 예정이다.",
	},
	"ja": {
		"市議会は火曜日、バス路線網を拡大し、北部の郊外へ向かう新しい路線を三つ設けることを決めた。",
		"何年も直通の便を待っていた住民たちはほっとしたと話したが、一部の人は費用について疑問を示した。",
		"最初のバスは春に運行を始め、時刻表は六か月後に改めて見直される予定だ。",
	},
	"zh": {
		"市议会周二决定扩大公交线路网络，并新开通三条通往北部郊区的线路。",
		"多年来一直等待直达线路的居民表示松了一口气，但也有一些人对费用提出了疑问。",
		"首批公交车将于春季开始运营，时刻表将在六个月后重新审查。",
	},
	"ka": {
		"ქალაქის საკრებულომ სამშაბათს გადაწყვიტა ავტობუსების ქსელის გაფართოება და ჩრდილოეთ გარეუბნებისკენ სამი ახალი ხაზის გახსნა.",
		"მცხოვრებლებმა, რომლებიც წლების განმავლობაში პირდაპირ კავშირს ელოდნენ, თქვეს, რომ შვება იგრძნეს.",
		"პირველი ავტობუსები გაზაფხულზე დაიწყებენ მოძრაობას, ხოლო განრიგი ექვსი თვის შემდეგ გადაიხედება.",
	},
	"hy": {
		"Քաղաքային խորհուրդը երեքշաբթի որոշեց ընդլայնել ավտոբուսային ցանցը և բացել երեք նոր երթուղի դեպի հյուսիսային թաղամասեր։",
		"Բնակիչները, ովքեր տարիներ շարունակ սպասում էին ուղիղ կապի, ասացին, որ թեթևացած են։",
		"Առաջին ավտոբուսները կսկսեն երթևեկել գարնանը, իսկ չվացուցակը կվերանայվի վեց ամիս անց։",
	},
	"bn": {
		"নগর পরিষদ মঙ্গলবার বাস পরিষেবা সম্প্রসারণ এবং উত্তরের এলাকাগুলির জন্য তিনটি নতুন রুট চালু করার সিদ্ধান্ত নিয়েছে।",
		"যে বাসিন্দারা বহু বছর ধরে সরাসরি যোগাযোগের অপেক্ষায় ছিলেন, তাঁরা বলেছেন যে তাঁরা স্বস্তি পেয়েছেন।",
		"প্রথম বাসগুলি বসন্তে চলা শুরু করবে এবং ছয় মাস পরে সময়সূচি আবার পর্যালোচনা করা হবে।",
	},
	"ta": {
		"நகர சபை செவ்வாய்க்கிழமை பேருந்து வலையமைப்பை விரிவுபடுத்த முடிவு செய்தது.",
		"பல ஆண்டுகளாக நேரடி இணைப்புக்காகக் காத்திருந்த மக்கள் நிம்மதி அடைந்ததாகக் கூறினர்.",
		"முதல் பேருந்துகள் வசந்த காலத்தில் இயங்கத் தொடங்கும் என்று அதிகாரிகள் தெரிவித்தனர்.",
	},
}

func TestDetectSamples(t *testing.T) {
	for want, sentences := range samples {
		t.Run(want, func(t *testing.T) {
			assert.GreaterOrEqual(t, len(sentences), 3)
			assert.Equal(t, want, Detect(strings.Join(sentences, " ")), "all sentences")
		})
	}
}

// Every supported language has samples.
func TestDetectCoverage(t *testing.T) {
	for _, l := range languages {
		assert.Contains(t, samples, l.tag)
	}
}

func TestDetectUnsure(t *testing.T) {
	for _, in := range []string{
		"",
		"   ",
		"12345 67890 !!! ???",
		"Hello",
		"Hello world",
		"The cat",
		"OK",
		"Login Register Search Menu Home",
		"iPhone 15 Pro Max 256GB",
		"東京",
		"東京タワー",
		"Αθήνα",
		"Москва",
		"func main() { fmt.Println(x) }",
		"Maria Silva, João Santos, Ana Costa",
		// Half Latin, half Cyrillic: no script dominates enough to tell.
		"Привет мир как дела hello world how are",
	} {
		assert.Equal(t, "", Detect(in), "%q", in)
	}
}

func TestDetectMixed(t *testing.T) {
	// A few foreign names do not change the language of a text.
	en := strings.Join(samples["en"], " ") + " Interviewed: Jürgen Müller, François Dupont and Владимир Петров."
	assert.Equal(t, "en", Detect(en))
	// Japanese with Latin product names.
	ja := strings.Join(samples["ja"], "") + " iPhone と Android の両方に対応する。"
	assert.Equal(t, "ja", Detect(ja))
	// Romanian with cedilla letters.
	ro := strings.NewReplacer("ș", "ş", "ț", "ţ").Replace(strings.Join(samples["ro"], " "))
	assert.Equal(t, "ro", Detect(ro))
	// Upper case.
	assert.Equal(t, "de", Detect(strings.ToUpper(strings.Join(samples["de"], " "))))
}

func TestDetectReadsOnlyTheStart(t *testing.T) {
	fr := strings.Join(samples["fr"], " ") + " "
	text := strings.Repeat(fr, MaxBytes/len(fr)+1) + strings.Repeat(strings.Join(samples["de"], " ")+" ", 100)
	assert.Equal(t, "fr", Detect(text))
	// A cut inside a multi-byte character is harmless.
	ru := strings.Repeat(strings.Join(samples["ru"], " ")+" ", 30)
	for i := 0; i < 4; i++ {
		assert.Equal(t, "ru", Detect(strings.Repeat("a", i)+ru))
	}
}

func TestDetectFast(t *testing.T) {
	text := strings.Repeat(strings.Join(samples["en"], " ")+" ", 10000) // ~3 MB
	Detect("warm up")
	start := time.Now()
	for i := 0; i < 100; i++ {
		Detect(text)
	}
	assert.Less(t, time.Since(start), 2*time.Second, "reads only the first %d bytes", MaxBytes)
}

func BenchmarkDetect(b *testing.B) {
	text := strings.Repeat(strings.Join(samples["de"], " ")+" ", 50)
	b.SetBytes(MaxBytes)
	for b.Loop() {
		Detect(text)
	}
}
