/** The department administration screens' words, Japanese first. */
import { defineMessages } from '../web/messages.js';

export const t = defineMessages({
  departments: { ja: '担当課', en: 'Departments' },
  department: { ja: '担当課', en: 'Department' },
  sampleNote: {
    ja: 'サンプルデータの担当課はデモ用の割り当てです（samples/demo-departments.json）。',
    en: 'In the sample data the departments are a demo assignment (samples/demo-departments.json).',
  },
  allDepartments: { ja: '担当課一覧', en: 'All departments' },
  departmentColumn: { ja: '課', en: 'Department' },
  code: { ja: 'コード', en: 'Code' },
  subItems: { ja: '評価対象の項目数', en: 'Rated items' },
  users: { ja: '利用者数', en: 'Users' },
  addDepartment: { ja: '課を追加', en: 'Add a department' },
  name: { ja: '課の名前', en: 'Name' },
  add: { ja: '追加する', en: 'Add' },
  saved: { ja: '保存しました。', en: 'Saved.' },
  saveName: { ja: '名前を保存', en: 'Save name' },
  itemsHeading: { ja: '担当の評価対象（{count}件）', en: 'Rated items ({count})' },
  assignHeading: { ja: '評価対象の項目を割り当てる', en: 'Assign a rated item' },
  subItem: { ja: '評価対象', en: 'Rated item' },
  noDepartment: { ja: '未設定', en: 'none' },
  assign: { ja: 'この課に割り当てる', en: 'Assign to this department' },
  chooseItem: { ja: '項目を選んでください。', en: 'Choose an item.' },
});
